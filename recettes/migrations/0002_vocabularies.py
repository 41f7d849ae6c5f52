"""Reference vocabularies: the 14 EU allergens (regulation 1169/2011, annex II), months, diets, and a first
ingredient vocabulary that knows which allergens common café ingredients carry. Editors extend it in the admin.
"""

from django.db import migrations

ALLERGENS = [
    ("gluten", "Gluten", "Céréales contenant du gluten : blé, seigle, orge, avoine, épeautre, kamut"),
    ("crustaces", "Crustacés", "Crevettes, crabes, langoustines, homards…"),
    ("oeufs", "Œufs", "Œufs et produits à base d'œufs"),
    ("poissons", "Poissons", "Poissons et produits à base de poissons"),
    ("arachides", "Arachides", "Cacahuètes et produits à base d'arachides"),
    ("soja", "Soja", "Soja et produits à base de soja"),
    ("lait", "Lait", "Lait et produits à base de lait, y compris le lactose"),
    ("fruits-a-coque", "Fruits à coque", "Amandes, noisettes, noix, cajou, pécan, pistaches, macadamia…"),
    ("celeri", "Céleri", "Céleri et produits à base de céleri"),
    ("moutarde", "Moutarde", "Moutarde et produits à base de moutarde"),
    ("sesame", "Graines de sésame", "Graines de sésame et produits à base de sésame"),
    ("sulfites", "Anhydride sulfureux et sulfites", "Plus de 10 mg/kg ou 10 mg/l : vin, fruits secs…"),
    ("lupin", "Lupin", "Lupin et produits à base de lupin"),
    ("mollusques", "Mollusques", "Moules, huîtres, escargots, calamars…"),
]

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]  # fmt: skip

DIETS = [
    ("vegetarien", "végétarien", "VegetarianDiet"),
    ("vegan", "vegan", "VeganDiet"),
    ("sans-gluten", "sans gluten", "GlutenFreeDiet"),
    ("sans-lactose", "sans lactose", "LowLactoseDiet"),
    ("sans-porc", "sans porc", ""),
]

# name, other names, allergen codes
INGREDIENTS = [
    ("farine de blé", "farine, farine T55, farine T45, farine T65, farine T80", "gluten"),
    ("farine de sarrasin", "sarrasin, blé noir, farine de blé noir", ""),
    ("farine de riz", "", ""),
    ("farine de seigle", "seigle", "gluten"),
    ("farine de maïs", "maïzena, fécule de maïs, polenta", ""),
    ("flocons d'avoine", "avoine", "gluten"),
    ("épeautre", "petit épeautre", "gluten"),
    ("orge", "orge perlé", "gluten"),
    ("pain", "pain de campagne, baguette, pain rassis, croûtons, chapelure, pain de mie", "gluten"),
    ("pâte brisée", "pâte sablée, pâte feuilletée", "gluten,lait"),
    ("pâtes", "spaghetti, tagliatelles, coquillettes, macaronis, lasagnes", "gluten"),
    ("semoule de blé", "semoule, boulgour, couscous", "gluten"),
    ("bière", "bière blonde, bière brune", "gluten"),
    ("levure de boulanger", "levure fraîche, levure sèche", ""),
    ("levure chimique", "poudre à lever", ""),
    ("riz", "riz rond, riz basmati, riz arborio", ""),
    ("lentilles", "lentilles vertes, lentilles corail", ""),
    ("pois chiches", "", ""),
    ("haricots", "haricots blancs, haricots rouges, haricots verts, mogettes", ""),
    ("pomme de terre", "pommes de terre, patate", ""),
    ("œuf", "œufs, jaune d'œuf, blanc d'œuf, jaunes d'œufs, blancs d'œufs", "oeufs"),
    ("mayonnaise", "", "oeufs,moutarde"),
    ("lait", "lait entier, lait demi-écrémé, lait ribot", "lait"),
    ("beurre", "beurre doux, beurre demi-sel, beurre salé", "lait"),
    ("crème", "crème fraîche, crème liquide, crème épaisse, crème entière", "lait"),
    ("fromage", "fromage râpé, emmental, comté, beaufort, tomme, reblochon, cantal, saint-nectaire, "
     "fourme d'Ambert, bleu, chèvre, fromage de chèvre, crottin, brebis, roquefort, parmesan, mozzarella, "
     "ricotta, fromage blanc, faisselle, mascarpone, raclette, munster, abondance, saint-marcellin", "lait"),
    ("yaourt", "yaourt nature, yaourts", "lait"),
    ("chocolat au lait", "chocolat blanc", "lait,soja"),
    ("chocolat noir", "chocolat, pépites de chocolat, chocolat pâtissier", "soja"),
    ("cacao", "cacao en poudre, cacao non sucré", ""),
    ("amande", "amandes, poudre d'amande, amandes effilées, poudre d'amandes", "fruits-a-coque"),
    ("noisette", "noisettes, poudre de noisette", "fruits-a-coque"),
    ("noix", "cerneaux de noix, noix de Grenoble", "fruits-a-coque"),
    ("pistache", "pistaches", "fruits-a-coque"),
    ("noix de cajou", "cajou", "fruits-a-coque"),
    ("noix de coco", "coco râpée, lait de coco", ""),
    ("cacahuète", "cacahuètes, arachide, beurre de cacahuète", "arachides"),
    ("sauce soja", "", "soja,gluten"),
    ("soja", "lait de soja, tofu, edamame", "soja"),
    ("sésame", "graines de sésame, tahini, tahin", "sesame"),
    ("moutarde", "moutarde de Dijon, moutarde à l'ancienne, graines de moutarde", "moutarde"),
    ("céleri", "céleri-rave, céleri branche", "celeri"),
    ("vin blanc", "vin, vin rouge, vin rosé", "sulfites"),
    ("vinaigre de vin", "vinaigre", "sulfites"),
    ("raisins secs", "abricots secs, pruneaux, fruits secs", "sulfites"),
    ("cidre", "cidre brut, poiré", "sulfites"),
    ("lupin", "farine de lupin", "lupin"),
    ("poisson", "truite, saumon, cabillaud, lieu, merlu, sardine, maquereau, thon, brochet, sandre, colin",
     "poissons"),
    ("anchois", "", "poissons"),
    ("crevette", "crevettes, langoustine, crabe, écrevisse", "crustaces"),
    ("moule", "moules, huître, huîtres, coques, calamar, seiche, escargot, escargots", "mollusques"),
    ("lardons", "lard, poitrine fumée, bacon", ""),
    ("jambon", "jambon blanc, jambon cru, jambon sec", ""),
    ("saucisse", "saucisse de Morteau, saucisse de Toulouse, chipolata, diot, diots, saucisson", ""),
    ("poulet", "volaille, blanc de poulet, cuisse de poulet, dinde", ""),
    ("bœuf", "bœuf haché, paleron, joue de bœuf, veau", ""),
    ("porc", "échine de porc, rôti de porc", ""),
    ("agneau", "épaule d'agneau", ""),
    ("sucre", "sucre en poudre, sucre roux, cassonade, sucre glace, vergeoise", ""),
    ("miel", "", ""),
    ("huile", "huile d'olive, huile de colza, huile de tournesol", ""),
    ("sel", "fleur de sel, gros sel", ""),
    ("poivre", "", ""),
    ("oignon", "oignons, échalote, échalotes, oignon rouge", ""),
    ("ail", "gousse d'ail", ""),
    ("carotte", "carottes", ""),
    ("poireau", "poireaux", ""),
    ("courge", "potiron, butternut, potimarron, courgette, courgettes", ""),
    ("tomate", "tomates, tomates cerises, coulis de tomate, concentré de tomate", ""),
    ("pomme", "pommes, compote de pommes", ""),
    ("poire", "poires", ""),
    ("fruits rouges", "fraise, fraises, framboise, framboises, myrtilles, cassis, groseilles, cerises", ""),
    ("citron", "citrons, jus de citron, zeste de citron", ""),
    ("orange", "oranges, jus d'orange", ""),
    ("herbes", "persil, ciboulette, thym, laurier, romarin, basilic, menthe, estragon, cerfeuil", ""),
    ("champignons", "champignons de Paris, cèpes, girolles", ""),
    ("épinards", "blettes, salade, mâche, roquette, cresson", ""),
    ("chou", "chou vert, chou-fleur, brocoli, chou rouge", ""),
    ("café", "expresso", ""),
    ("thé", "thé noir, thé vert, tisane, verveine", ""),
]  # fmt: skip


def load(apps, schema_editor):
    Allergen = apps.get_model("recettes", "Allergen")
    Month = apps.get_model("recettes", "Month")
    Diet = apps.get_model("recettes", "Diet")
    Ingredient = apps.get_model("recettes", "Ingredient")
    through = Ingredient._meta.get_field("allergens").remote_field.through
    allergens = {}
    for order, (code, name, detail) in enumerate(ALLERGENS):
        allergens[code], _ = Allergen.objects.get_or_create(
            code=code, defaults={"name": name, "detail": detail, "sort_order": order}
        )
    for number, name in enumerate(MONTHS, start=1):
        Month.objects.get_or_create(number=number, defaults={"name": name})
    for slug, name, schema in DIETS:
        Diet.objects.get_or_create(slug=slug, defaults={"name": name, "schema_org": schema})
    for name, aliases, codes in INGREDIENTS:
        ingredient, created = Ingredient.objects.get_or_create(name=name, defaults={"aliases": aliases})
        if created and codes:
            # Historical models are plain models: a ParentalManyToManyField's set() would stay in memory.
            through.objects.bulk_create(
                [through(ingredient=ingredient, allergen=allergens[code]) for code in codes.split(",")]
            )


class Migration(migrations.Migration):
    dependencies = [("recettes", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
