"""What the demo workspace contains: a French bakery and an English bike shop, with questions, complaints, thanks
and a brewing bad buzz, across e-mail, Mastodon, a Facebook Page (Messenger and comments), Instagram, YouTube and
feeds.

Times are minutes before the moment the demo is loaded, so the inbox always looks alive.
"""

from __future__ import annotations

from typing import Any

# Each conversation: kind, title, and messages as (minutes ago, author, handle, text, direction); a direction of
# "held" is an inbound comment the network holds for the account's review.
CLIENTS: list[dict[str, Any]] = [
    {
        "name": "Boulangerie Le Fournil",
        "slots": ["tue 08:30", "fri 17:00"],
        # Business hours, their time zone and the first-response target in business minutes (Overdue, reports).
        "hours": ("tue-sat 7:00-19:30, sun 7:00-13:00", "Europe/Paris", 240),
        "snippets": [
            ("Horaires", "Ouvert du mardi au samedi, 7 h – 19 h 30, et le dimanche matin. Fermé le lundi.", "fr"),
            (
                "Commandes",
                "Pour commander, appelez le 04 78 00 00 00 ou passez en boutique la veille avant 18 h.",
                "fr",
            ),
            ("Merci", "Merci beaucoup pour votre message, à très vite au Fournil !", "fr"),
            ("Merci", "Thank you so much for your message, see you soon at Le Fournil!", "en"),
        ],
        # Posts of the client's Mastodon account: (days from now, hour, text, "sent" | "scheduled" | "weekly").
        "posts": [
            (-2, 8, "Le pain du mois : seigle et noix, jusqu'à samedi. #boulangerie #Lyon", "sent"),
            (1, 8, "Galettes des rois dès samedi : frangipane maison, fève en céramique. Commandez !", "scheduled"),
            (3, 17, "Atelier pain au levain mercredi prochain, 14 h, 6 places. Inscriptions en boutique.", "scheduled"),
            (6, 8, "Le pain de la semaine : on vous dit tout mardi matin ! #boulangerie", "weekly"),
        ],
        "accounts": [
            {
                "network": "email",
                "name": "contact@lefournil.fr",
                "address": "contact@lefournil.fr",
                "conversations": [
                    {
                        "kind": "email",
                        "title": "Commande de 40 croissants pour samedi",
                        "messages": [
                            (
                                95,
                                "Claire Morel",
                                "claire.morel@exemple.fr",
                                "Bonjour,\n\nJe souhaiterais commander 40 croissants et 20 pains au chocolat "
                                "pour samedi 9 h (anniversaire de mon fils). Est-ce possible ? "
                                "Faut-il verser un acompte ?\n\n"
                                "Merci d'avance,\nClaire",
                                "in",
                            ),
                        ],
                    },
                    {
                        "kind": "email",
                        "title": "Pain trop cuit ce matin",
                        "messages": [
                            (
                                300,
                                "Marc Lefèvre",
                                "marc.lefevre@exemple.fr",
                                "Bonjour, la tradition achetée ce matin vers 8 h était brûlée dessous. Ce n'est pas la "
                                "première fois ce mois-ci. Je suis client depuis dix ans, c'est dommage.",
                                "in",
                            ),
                            (
                                240,
                                "Le Fournil",
                                "contact@lefournil.fr",
                                "Bonjour Marc, merci de nous l'avoir signalé, et désolés. Notre four a eu un souci de "
                                "sonde cette semaine, il est réparé. Passez quand vous voulez : la prochaine tradition "
                                "est pour nous. Marie",
                                "out",
                            ),
                            (
                                60,
                                "Marc Lefèvre",
                                "marc.lefevre@exemple.fr",
                                "Merci pour la réponse rapide, je passerai demain !",
                                "in",
                            ),
                        ],
                    },
                ],
            },
            {
                "network": "mastodon",
                "publishes": True,
                "name": "@lefournil@piaille.fr",
                "address": "piaille.fr",
                "conversations": [
                    {
                        "kind": "mention",
                        "title": "",
                        "messages": [
                            (
                                25,
                                "Inès B.",
                                "@ines@mamot.fr",
                                "@lefournil Intoxication après un éclair au chocolat acheté hier rue Oberkampf ?? "
                                "Toute la famille malade cette nuit. #LeFournil #Oberkampf",
                                "in",
                            ),
                            (
                                22,
                                "Karim D.",
                                "@karim@piaille.fr",
                                "@ines @lefournil Mon fils a vomi toute la nuit après un éclair au chocolat de chez "
                                "eux. Scandaleux, j'attends des explications 😡",
                                "in",
                            ),
                            (
                                18,
                                "Julien",
                                "@julien_p@piaille.fr",
                                "@ines @lefournil pareil chez nous avec les choux à la crème, on a appelé SOS médecins",
                                "in",
                            ),
                            (
                                15,
                                "Léa M.",
                                "@lea@mamot.fr",
                                "@lefournil Intoxication ici aussi après les choux à la crème. C'est inadmissible, "
                                "fermez la boutique le temps de vérifier !",
                                "in",
                            ),
                            (
                                9,
                                "Quartier Oberkampf",
                                "@oberkampf@mastodon.social",
                                "Plusieurs habitants signalent des malaises après des pâtisseries du @lefournil. "
                                "Quelqu'un a des infos ? Boostez pour prévenir.",
                                "in",
                            ),
                        ],
                    },
                    {
                        "kind": "mention",
                        "title": "",
                        "messages": [
                            (
                                400,
                                "Sophie",
                                "@sophie@piaille.fr",
                                "Meilleure baguette du 11e, merci @lefournil pour l'accueil toujours souriant 🥖",
                                "in",
                            ),
                            (
                                380,
                                "Le Fournil",
                                "@lefournil@piaille.fr",
                                "@sophie Merci beaucoup Sophie, toute l'équipe est ravie ! À demain 🥖",
                                "out",
                            ),
                        ],
                    },
                    {
                        "kind": "message",
                        "title": "",
                        "messages": [
                            (
                                130,
                                "Amel",
                                "@amel@framapiaf.org",
                                "Bonjour ! Vous faites des gâteaux sans gluten ? Ma fille est cœliaque et c'est son "
                                "anniversaire dimanche.",
                                "in",
                            ),
                        ],
                    },
                    {
                        "kind": "mention",
                        "title": "",
                        "messages": [
                            (
                                210,
                                "Hannah K.",
                                "@hannah@mastodon.online",
                                "@lefournil Visiting Paris next week with my kids: do you open on Sunday mornings? "
                                "Your croissants look amazing!",
                                "in",
                            ),
                        ],
                    },
                ],
            },
            {
                "network": "facebook",
                "name": "Boulangerie Le Fournil",
                "address": "https://www.facebook.com/boulangerielefournil",
                "conversations": [
                    {
                        "kind": "message",
                        "title": "Élodie Garnier",
                        "messages": [
                            (
                                170,
                                "Élodie Garnier",
                                "",
                                "Bonjour ! Vous livrez des plateaux petit-déjeuner pour un bureau ? Vendredi 8 h, une "
                                "vingtaine de personnes, rue de la République.",
                                "in",
                            ),
                        ],
                    },
                    {
                        "kind": "comment",
                        "title": "Galettes des rois : c'est reparti !",
                        "url": "https://www.facebook.com/boulangerielefournil/posts/demo",
                        "messages": [
                            (
                                2900,
                                "Boulangerie Le Fournil",
                                "",
                                "Galettes des rois : c'est reparti ! Frangipane maison ou pommes-caramel, à "
                                "commander en boutique.",
                                "out",
                            ),
                            (420, "Nathalie Roux", "", "Vous en faites des individuelles ?", "in"),
                            (95, "Hugo Blanc", "", "La meilleure de Lyon, je confirme 😍", "in"),
                        ],
                    },
                ],
            },
            {
                "network": "instagram",
                "name": "@boulangerielefournil",
                "address": "https://www.instagram.com/boulangerielefournil/",
                "conversations": [
                    {
                        "kind": "comment",
                        "title": "Fournée du matin 🥐 #boulangerie #lyon",
                        "url": "https://www.instagram.com/p/demo/",
                        "messages": [
                            (1500, "boulangerielefournil", "", "Fournée du matin 🥐 #boulangerie #lyon", "out"),
                            (55, "julie.lyon", "", "Vous ouvrez à quelle heure dimanche ?", "in"),
                        ],
                    },
                ],
            },
            {
                "network": "dailymotion",
                "name": "Boulangerie Le Fournil",
                "address": "https://www.dailymotion.com/lefournil",
                "conversations": [
                    {
                        "kind": "feed",
                        "title": "Une nuit au fournil : la fournée de 4 heures",
                        "url": "https://www.dailymotion.com/video/demo",
                        "measures": {"view": 12873, "like": 342},
                        "messages": [
                            (
                                4300,
                                "Boulangerie Le Fournil",
                                "",
                                "Une nuit avec l'équipe, du pétrissage à la première baguette.",
                                "in",
                            ),
                        ],
                    },
                ],
            },
            {
                "network": "feed",
                "name": "Blog du Fournil",
                "address": "https://blog.lefournil.example/feed/",
                "conversations": [
                    {
                        "kind": "comment",
                        "title": "Notre pain au levain et le nouveau four",
                        "url": "https://blog.lefournil.example/2026/11/pain-au-levain/",
                        "messages": [
                            (
                                2900,
                                "Marie Dupont",
                                "",
                                "Après trois mois d'essais, notre pain au levain naturel arrive en boutique, cuit dans "
                                "notre nouveau four à sole.",
                                "in",
                            ),
                            (1500, "Jean Martin", "", "Délicieux ! Vous en faites aussi le dimanche ?", "in"),
                            (
                                700,
                                "Sophie R.",
                                "",
                                "Encore une fois plus de pain à 11 h, c'est la troisième fois cette semaine. "
                                "Très déçue.",
                                "in",
                            ),
                        ],
                    },
                ],
            },
            {
                "network": "feed",
                "name": "Veille « Le Fournil » (Google Alerts, Reddit)",
                "address": "https://www.google.com/alerts/feeds/demo/lefournil",
                "conversations": [
                    {
                        "kind": "feed",
                        "title": "Le Fournil, Oberkampf : quelqu'un d'autre a été malade ?",
                        "url": "https://www.reddit.com/r/paris/comments/demo/le_fournil/",
                        "messages": [
                            (
                                14,
                                "/u/croissant_lover",
                                "",
                                "Depuis hier soir plusieurs personnes du quartier disent avoir été malades après des "
                                "pâtisseries du Fournil. Rien d'officiel pour l'instant. Vous avez des retours ?",
                                "in",
                            ),
                        ],
                    },
                    {
                        "kind": "feed",
                        "title": "Les meilleures boulangeries de l'Est parisien : Le Fournil en tête",
                        "url": "https://www.example-news.fr/boulangeries-est-parisien",
                        "messages": [
                            (
                                3000,
                                "Le Petit Journal du 11e",
                                "",
                                "Classement 2026 : Le Fournil décroche la première place grâce à son levain et à "
                                "l'accueil de son équipe.",
                                "in",
                            ),
                        ],
                    },
                ],
            },
            {
                # The same article as the alert above: it joins that conversation (storage/stories.py).
                "network": "feed",
                "name": "Bing Actualités — « Le Fournil »",
                "address": "https://www.bing.com/news/search?q=%22Le+Fournil%22&format=rss",
                "conversations": [
                    {
                        "kind": "feed",
                        "title": "Les meilleures boulangeries de l'Est parisien : Le Fournil en tête",
                        "url": "https://www.example-news.fr/boulangeries-est-parisien?utm_source=bing",
                        "messages": [
                            (
                                2990,
                                "Le Petit Journal du 11e",
                                "",
                                "Notre classement des boulangeries de l'Est parisien : la première place revient au "
                                "Fournil, rue Oberkampf.",
                                "in",
                            ),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "name": "Northwind Bikes",
        "slots": ["mon 10:00", "thu 18:00"],
        "hours": ("mon-fri 9:00-18:00, sat 10:00-16:00", "Europe/London", 480),
        "snippets": [
            (
                "Opening hours",
                "We're open Monday to Saturday, 9am–6pm. Service bookings: northwindbikes.example/book",
                "en",
            ),
            (
                "Warranty",
                "Sorry about that! Please send your order number and a photo to hello@northwindbikes.example.",
                "en",
            ),
        ],
        "posts": [
            (-1, 18, "Winter tune-up week: 20% off brake and gear service until Sunday. 🚲", "sent"),
            (2, 10, "New in: studded tyres for icy commutes. Come and try them on a test ride!", "scheduled"),
        ],
        "accounts": [
            {
                "network": "email",
                "name": "hello@northwindbikes.example",
                "address": "hello@northwindbikes.example",
                "conversations": [
                    {
                        "kind": "email",
                        "title": "Warranty claim: cracked frame after 8 months",
                        "messages": [
                            (
                                200,
                                "Tom Becker",
                                "tom.becker@example.com",
                                "Hi, the frame of my Northwind Commuter 3 (bought in March, order #10442) has a crack "
                                "near the bottom bracket. Photos attached. How do I get this fixed under warranty?",
                                "in",
                            ),
                        ],
                    },
                ],
            },
            {
                "network": "mastodon",
                "publishes": True,
                "name": "@northwind@mastodon.social",
                "address": "mastodon.social",
                "conversations": [
                    {
                        "kind": "mention",
                        "title": "",
                        "messages": [
                            (
                                45,
                                "Priya",
                                "@priya@fosstodon.org",
                                "Huge thanks to @northwind for fixing my wheel in 20 minutes before my commute! 🚲",
                                "in",
                            ),
                            (
                                30,
                                "Northwind Bikes",
                                "@northwind@mastodon.social",
                                "@priya Glad we could help! Ride safe, and see you for the spring tune-up 🔧",
                                "out",
                            ),
                        ],
                    },
                    {
                        "kind": "message",
                        "title": "",
                        "messages": [
                            (
                                75,
                                "Dan",
                                "@dan@hachyderm.io",
                                "Hey! Do you rent e-bikes for weekends? Two adults, Saturday and Sunday.",
                                "in",
                            ),
                        ],
                    },
                ],
            },
            {
                "network": "youtube",
                "name": "Northwind Bikes",
                "address": "https://www.youtube.com/channel/UCdemoNorthwind",
                "conversations": [
                    {
                        "kind": "comment",
                        "title": "How to fix a flat in 2 minutes",
                        "url": "https://www.youtube.com/watch?v=demoFlat",
                        "messages": [
                            (
                                4000,
                                "Northwind Bikes",
                                "",
                                "Everything you need to fix a flat on the road, in two minutes.",
                                "out",
                            ),
                            (800, "Alex R.", "", "Great tutorial, saved my Sunday ride!", "in"),
                            (35, "Mia K.", "", "Which tire levers are you using at 1:12?", "in"),
                            (12, "BikeDeals Pro", "", "Cheap carbon wheels here: bikedeals-pro.example", "held"),
                        ],
                    },
                ],
            },
            {
                "network": "feed",
                "name": "Reddit — « Northwind Bikes »",
                "address": "https://www.reddit.com/search.rss?q=%22northwind+bikes%22",
                "conversations": [
                    {
                        "kind": "feed",
                        "title": "Northwind Bikes service is going downhill",
                        "url": "https://www.reddit.com/r/bicycling/comments/demo/northwind/",
                        "messages": [
                            (
                                160,
                                "/u/gravelgrinder",
                                "",
                                "Waited three weeks for a simple brake bleed at Northwind. Used to be the best shop in "
                                "town. Anyone else noticing this?",
                                "in",
                            ),
                        ],
                    },
                ],
            },
        ],
    },
]


FOLLOWERS = {
    "@oberkampf@mastodon.social": 4_800,
    "@ines@mamot.fr": 230,
    "@karim@piaille.fr": 1_150,
    "@julien_p@piaille.fr": 85,
    "@lea@mamot.fr": 610,
    "@sophie@piaille.fr": 140,
    "@hannah@mastodon.online": 320,
}
"""How many follow the demo's fediverse people (their reach, in the crisis view): the neighbourhood account is the
one that spreads the bad buzz."""
