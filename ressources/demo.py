# ruff: noqa: E501 - the demo tables keep one row per line, long French sentences included
"""Demo content of ressources: the members-only index at /reseau/, ten contracts and partnerships with a few
PDF documents (drawn on the spot), and the demo cafés' feedback.

Suppliers are described generically (no company is named) except well-known public programmes. Idempotent:
contracts are found by slug, documents by title, feedback by café and contract; validity dates are relative
to today (so one contract is always close to its end), set when the contract is created.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model

from reseau.demo_media import text_pdf
from reseau.models import CafePage, HomePage, Member
from ressources.models import Category, ContractDocument, ContractPage, ContractUse, ResourceIndexPage

C, P = ContractPage.Kind.CONTRACT, ContractPage.Kind.PARTNERSHIP
PURCHASING = ("Pôle achats du réseau", "achats@1000cafes.invalid", "01 00 00 00 01")
PARTNERSHIPS = ("Pôle partenariats du réseau", "partenariats@1000cafes.invalid", "01 00 00 00 02")

# slug, title, kind, category, supplier, summary, offer, conditions, how to subscribe, contact,
# starts (days from today), ends (days from today, None: no end), document title (or None)
CONTRACTS = [
    ("electricite-renouvelable", "Électricité d'origine renouvelable", C, Category.ENERGY,
     "Fournisseur d'électricité d'origine renouvelable (groupement d'achat du réseau)",
     "Un prix du kWh fixe pendant deux ans, négocié pour l'ensemble des cafés du réseau.",
     "<p>Prix du kWh fixe sur 24 mois, garanties d'origine renouvelables, un interlocuteur unique pour tous les cafés.</p>",
     "<p>Sans frais de résiliation à l'échéance. Compteurs jusqu'à 36 kVA. Facture mensuelle sur la consommation réelle.</p>",
     "<p>Envoyez au pôle achats votre dernière facture et le numéro de votre point de livraison : le changement se fait sans coupure.</p>",
     PURCHASING, -670, 40, "Grille tarifaire électricité"),
    ("box-internet-ligne-pro", "Box internet et ligne fixe professionnelles", C, Category.TELEPHONY,
     "Opérateur national de télécommunications (offre professionnelle négociée)",
     "Internet, ligne fixe et terminal de paiement sur la même box, avec un dépannage sous 24 heures ouvrées.",
     "<p>Fibre ou ADSL selon le village, appels illimités vers les fixes et mobiles, wifi séparé pour les clients.</p>",
     "<p>Engagement de 12 mois, puis sans engagement. Installation prise en charge par le réseau.</p>",
     "<p>Remplissez le formulaire de souscription et envoyez-le au pôle achats avec un relevé d'identité bancaire.</p>",
     PURCHASING, -300, 430, "Formulaire de souscription box professionnelle"),
    ("multirisque-cafes", "Assurance multirisque des cafés", C, Category.INSURANCE,
     "Mutuelle d'assurance des commerces de proximité",
     "Locaux, matériel, stock, responsabilité civile et perte d'exploitation, avec les animations comprises.",
     "<p>Couvre les évènements organisés par le café jusqu'à 300 personnes, en salle ou en extérieur.</p>",
     "<p>Franchise de 250 €. Prime calculée sur la surface et le chiffre d'affaires. Échéance annuelle au 1er janvier.</p>",
     "<p>Demandez un devis au pôle achats ; l'attestation arrive sous 48 heures.</p>",
     PURCHASING, -200, 165, "Tableau des garanties multirisque"),
    ("cafe-torrefie-france", "Café en grains torréfié en France", C, Category.SUPPLIES,
     "Torréfacteur artisanal partenaire du réseau",
     "Un café de spécialité torréfié chaque semaine, livré en sacs d'un kilo, avec la machine en prêt.",
     "<p>Trois assemblages, dont un bio et équitable. Prêt et entretien du moulin et de la machine expresso.</p>",
     "<p>Minimum de 6 kg par mois. Prix au kilo garanti un an. Livraison offerte dès 10 kg.</p>",
     "<p>Commandez en ligne avec le code du réseau (demandez-le au pôle achats).</p>",
     PURCHASING, -400, 330, None),
    ("boissons-grossiste-regional", "Bières, sodas et eaux : grossistes régionaux", C, Category.SUPPLIES,
     "Réseau de distributeurs de boissons régionaux",
     "Des prix négociés sur les boissons, avec une place pour les brasseries et cidreries du coin.",
     "<p>Tarifs du réseau sur les fûts et les bouteilles, consignes reprises, tireuse prêtée et entretenue.</p>",
     "<p>Livraison chaque semaine ou tous les quinze jours selon le village.</p>",
     "<p>Le pôle achats vous met en relation avec le distributeur de votre région.</p>",
     PURCHASING, -500, 25, None),
    ("relais-poste-commercant", "Relais poste commerçant", P, Category.POST,
     "La Poste (programme national des relais poste commerçants)",
     "Le café devient relais poste : lettres, colis, timbres et retraits d'argent au comptoir.",
     "<p>Le café vend timbres et emballages, remet les lettres recommandées et les colis, et permet de petits retraits d'espèces.</p>",
     "<p>Rémunération fixe mensuelle et commissions. Formation d'une journée, matériel fourni.</p>",
     "<p>La mairie et le café en font la demande ensemble ; le pôle partenariats prépare le dossier.</p>",
     PARTNERSHIPS, -900, None, "Dossier de demande de relais poste"),
    ("point-presse", "Point presse", P, Category.PRESS,
     "Société nationale de distribution de la presse",
     "Les quotidiens régionaux et les magazines au comptoir, sans stock à avancer.",
     "<p>Dépôt des titres chaque matin, reprise des invendus, présentoir fourni.</p>",
     "<p>Commission sur les ventes, aucun achat de stock. Assortiment adapté au village.</p>",
     "<p>Le pôle partenariats transmet votre demande ; ouverture en quatre à six semaines.</p>",
     PARTNERSHIPS, -700, None, None),
    ("point-relais-colis", "Point relais colis", P, Category.PARCELS,
     "Réseau national de points relais colis",
     "Les habitants retirent et déposent leurs colis au café, aux heures d'ouverture.",
     "<p>Application de scan sur smartphone, étagère fournie ; les colis amènent de nouveaux clients au café.</p>",
     "<p>Rémunération par colis remis ou déposé. Pas d'engagement de durée.</p>",
     "<p>Inscrivez le café depuis le formulaire du réseau de points relais ; prévenez le pôle partenariats.</p>",
     PARTNERSHIPS, -365, 730, None),
    ("conseiller-numerique", "Accès numérique et aide aux démarches", P, Category.DIGITAL,
     "Programme public Conseiller numérique (État et collectivités)",
     "Un conseiller numérique tient une permanence au café : démarches en ligne, ordinateur, smartphone.",
     "<p>Permanence régulière au café, ateliers collectifs, poste informatique et imprimante en libre accès.</p>",
     "<p>Le conseiller est employé par une structure du territoire ; le café accueille la permanence.</p>",
     "<p>Le pôle partenariats vous met en relation avec la structure qui porte le conseiller de votre secteur.</p>",
     PARTNERSHIPS, -500, None, "Fiche pratique : accueillir une permanence numérique"),
    ("terminal-paiement", "Terminal de paiement par carte", C, Category.PAYMENT,
     "Banque coopérative (offre négociée pour le réseau)",
     "Un terminal de paiement sans contact à location réduite et une commission basse sur les petits montants.",
     "<p>Location du terminal, commission réduite sous 20 €, versement le lendemain.</p>",
     "<p>Contrat de 36 mois. Le contrat précédent a expiré : un nouvel accord est en négociation.</p>",
     "<p>En attendant le nouvel accord, écrivez au pôle achats avant de signer un contrat.</p>",
     PURCHASING, -1100, -15, None),
]  # fmt: skip

# (café INSEE code, contract slug, rating, comment)
USES = [
    ("03019", "electricite-renouvelable", 4, "Facture plus basse l'hiver qu'avec l'ancien contrat, et le changement s'est fait sans coupure."),
    ("63131", "electricite-renouvelable", 5, "Très simple : le pôle achats a tout géré à partir de notre facture."),
    ("42073", "electricite-renouvelable", 3, "Prix correct, mais l'espace client est compliqué."),
    ("03019", "relais-poste-commercant", 5, "Le relais poste fait venir au café des habitants qu'on ne voyait jamais."),
    ("35248", "relais-poste-commercant", 4, "Une journée de formation suffit ; attention à la place pour les colis."),
    ("72361", "relais-poste-commercant", 4, "Arrivé quelques mois après la reprise, il a relancé la fréquentation."),
    ("03019", "point-presse", 4, "Les journaux partent avant 10 h ; les invendus sont repris sans discussion."),
    ("29071", "point-presse", 5, "Les anciens passent chercher le journal et restent prendre un café."),
    ("63131", "box-internet-ligne-pro", 3, "Fibre rapide, mais une semaine pour la première installation."),
    ("73033", "box-internet-ligne-pro", 4, "Le wifi séparé pour les randonneurs est très apprécié."),
    ("63131", "cafe-torrefie-france", 5, "Les clients remarquent la différence ; la machine prêtée est un vrai plus."),
    ("11068", "cafe-torrefie-france", 4, "Bon café ; commander 6 kg par mois est juste en hiver."),
    ("71409", "conseiller-numerique", 5, "La permanence du jeudi est pleine : impôts, retraite, carte grise."),
    ("08449", "conseiller-numerique", 4, "Les ateliers smartphone attirent des gens de tout le canton."),
    ("42073", "multirisque-cafes", 4, "Le concert de l'été était couvert sans démarche supplémentaire."),
    ("62788", "point-relais-colis", 4, "Beaucoup de passages en fin de journée ; prévoir une étagère solide."),
    ("11068", "boissons-grossiste-regional", 3, "Bons prix, mais la livraison tous les quinze jours oblige à stocker."),
]  # fmt: skip


def load(log) -> None:
    home = HomePage.objects.first()
    index = ResourceIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=ResourceIndexPage(
                title="Ressources du réseau",
                slug="reseau",
                intro="Les contrats fournisseurs et les partenariats nationaux négociés pour les cafés du réseau.",
            )
        )
    today = timezone.localdate()
    existing = {page.slug: page for page in ContractPage.objects.all()}
    for row in CONTRACTS:
        (
            slug,
            title,
            kind,
            category,
            supplier,
            summary,
            offer,
            conditions,
            subscribe,
            contact,
            start,
            end,
            doc,
        ) = row
        if slug in existing:
            continue
        contract = index.add_child(
            instance=ContractPage(
                title=title,
                slug=slug,
                kind=kind,
                category=category,
                supplier=supplier,
                summary=summary,
                offer=offer,
                conditions=conditions,
                how_to_subscribe=subscribe,
                contact_name=contact[0],
                contact_email=contact[1],
                contact_phone=contact[2],
                valid_from=today + timedelta(days=start),
                valid_until=today + timedelta(days=end) if end is not None else None,
            )
        )
        if doc:
            ContractDocument.objects.create(
                page=contract, document=demo_document(doc, title, supplier), label=doc
            )
        existing[slug] = contract
    cafes = {cafe.commune.insee: cafe for cafe in CafePage.objects.select_related("commune")}
    managers = {member.cafe_id: member.user for member in Member.objects.select_related("user")}
    for insee, slug, rating, comment in USES:
        cafe = cafes[insee]
        ContractUse.objects.get_or_create(
            contract=existing[slug],
            cafe=cafe,
            defaults={"rating": rating, "comment": comment, "member": managers.get(cafe.pk)},
        )
    log(
        f"Ressources : {len(CONTRACTS)} contrats et partenariats, {ContractUse.objects.count()} avis de cafés"
    )


def demo_document(title: str, contract: str, supplier: str):
    """A one-page PDF stating what the document is (its title is its natural key)."""
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        lines = [title, "", contract, supplier, "", "Document de démonstration du réseau 1000 cafés."]
        document = Document(title=title)
        document.file.save(f"{slugify(title)[:60]}.pdf", ContentFile(text_pdf(lines)), save=False)
        document.save()
    return document
