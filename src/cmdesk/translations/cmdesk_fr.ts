<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AddSourceDialog</name>
    <message>
        <location filename="../ui/add_source_dialog.py" line="54"/>
        <source>Add a source</source>
        <translation>Ajouter une source</translation>
    </message>
    <message>
        <location filename="../ui/add_source_dialog.py" line="60"/>
        <source>https://blog.example.com or a feed address</source>
        <translation>https://blog.exemple.fr ou l’adresse d’un flux</translation>
    </message>
    <message>
        <location filename="../ui/add_source_dialog.py" line="63"/>
        <source>Optional: the feed&apos;s title is used</source>
        <translation>Facultatif : le titre du flux est utilisé</translation>
    </message>
    <message>
        <location filename="../ui/add_source_dialog.py" line="69"/>
        <source>Check</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <location filename="../ui/add_source_dialog.py" line="70"/>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location filename="../ui/add_source_dialog.py" line="81"/>
        <source>Address:</source>
        <translation>Adresse :</translation>
    </message>
    <message>
        <location filename="../ui/add_source_dialog.py" line="82"/>
        <source>Client:</source>
        <translation>Client :</translation>
    </message>
    <message>
        <location filename="../ui/add_source_dialog.py" line="83"/>
        <source>Name:</source>
        <translation>Nom :</translation>
    </message>
    <message>
        <location filename="../ui/add_source_dialog.py" line="86"/>
        <source>Add a Mastodon account instead…</source>
        <translation>Ajouter plutôt un compte Mastodon…</translation>
    </message>
    <message>
        <location filename="../ui/add_source_dialog.py" line="88"/>
        <source>Add an e-mail account instead…</source>
        <translation>Ajouter plutôt un compte e-mail…</translation>
    </message>
    <message>
        <location filename="../ui/add_source_dialog.py" line="90"/>
        <source>Your own YouTube channel, to answer its comments…</source>
        <translation>Votre propre chaîne YouTube, pour répondre à ses commentaires…</translation>
    </message>
    <message>
        <location filename="../ui/add_source_dialog.py" line="92"/>
        <source>Your Facebook Page or Instagram…</source>
        <translation>Votre Page Facebook ou votre Instagram…</translation>
    </message>
    <message>
        <location filename="../ui/add_source_dialog.py" line="94"/>
        <source>Your Bluesky account…</source>
        <translation>Votre compte Bluesky…</translation>
    </message>
    <message>
        <location filename="../ui/add_source_dialog.py" line="96"/>
        <source>Your X account…</source>
        <translation>Votre compte X…</translation>
    </message>
    <message>
        <location filename="../ui/add_source_dialog.py" line="98"/>
        <source>Your Reddit account…</source>
        <translation>Votre compte Reddit…</translation>
    </message>
    <message>
        <location filename="../ui/add_source_dialog.py" line="100"/>
        <source>Your WordPress site, to answer its comments…</source>
        <translation>Votre site WordPress, pour répondre à ses commentaires…</translation>
    </message>
    <message>
        <location filename="../ui/add_source_dialog.py" line="102"/>
        <source>A Discourse forum…</source>
        <translation>Un forum Discourse…</translation>
    </message>
    <message>
        <location filename="../ui/add_source_dialog.py" line="104"/>
        <source>No address? Listen to the web for a name…</source>
        <translation>Pas d’adresse ? Écouter le web pour un nom…</translation>
    </message>
    <message>
        <location filename="../ui/add_source_dialog.py" line="111"/>
        <source>A blog, a forum, a YouTube or Dailymotion channel, Reddit, Google Alerts: paste its address.</source>
        <translation>Un blog, un forum, une chaîne YouTube ou Dailymotion, Reddit, Google Alertes : collez son adresse.</translation>
    </message>
    <message>
        <location filename="../ui/add_source_dialog.py" line="152"/>
        <source>“{name}” looks like a name, not an address: paste the address of its site or feed (https://…), or use “Add a Mastodon account” for a Mastodon handle.</source>
        <translation>« {name} » ressemble à un nom, pas à une adresse : collez l’adresse de son site ou de son flux (https://…), ou passez par « Ajouter un compte Mastodon » pour un identifiant Mastodon.</translation>
    </message>
    <message>
        <location filename="../ui/add_source_dialog.py" line="160"/>
        <source>This is not a web address.</source>
        <translation>Ce n’est pas une adresse web.</translation>
    </message>
    <message>
        <location filename="../ui/add_source_dialog.py" line="167"/>
        <source>Checking {url}…</source>
        <translation>Vérification de {url}…</translation>
    </message>
    <message>
        <location filename="../ui/add_source_dialog.py" line="173"/>
        <source>Cannot use this address: {reason}</source>
        <translation>Impossible d’utiliser cette adresse : {reason}</translation>
    </message>
    <message>
        <location filename="../ui/add_source_dialog.py" line="191"/>
        <source>This page offers several feeds: choose one.</source>
        <translation>Cette page propose plusieurs flux : choisissez-en un.</translation>
    </message>
    <message>
        <location filename="../ui/add_source_dialog.py" line="195"/>
        <source>Found the feed “{title}”.</source>
        <translation>Flux trouvé : « {title} ».</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/add_source_dialog.py" line="200"/>
        <source>Found the {network} channel “{title}”: %Ln video(s)</source>
        <translation>
            <numerusform>Chaîne {network} « {title} » trouvée : %Ln vidéo</numerusform>
            <numerusform>Chaîne {network} « {title} » trouvée : %Ln vidéos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/add_source_dialog.py" line="203"/>
        <source>%Ln follower(s)</source>
        <translation>
            <numerusform>%Ln abonné</numerusform>
            <numerusform>%Ln abonnés</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/add_source_dialog.py" line="204"/>
        <source>Its videos come in with their views and likes.</source>
        <translation>Ses vidéos arrivent avec leurs vues et leurs « j&apos;aime ».</translation>
    </message>
</context>
<context>
    <name>AlertBar</name>
    <message numerus="yes">
        <location filename="../ui/alert_bar.py" line="18"/>
        <source>%Ln negative message(s) in 2 hours</source>
        <translation>
            <numerusform>%Ln message négatif en 2 heures</numerusform>
            <numerusform>%Ln messages négatifs en 2 heures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/alert_bar.py" line="20"/>
        <source>%Ln message(s) in 2 hours</source>
        <translation>
            <numerusform>%Ln message en 2 heures</numerusform>
            <numerusform>%Ln messages en 2 heures</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/alert_bar.py" line="21"/>
        <source>{ratio}× the usual</source>
        <translation>{ratio} fois plus que d’habitude</translation>
    </message>
    <message>
        <location filename="../ui/alert_bar.py" line="21"/>
        <source>none usually</source>
        <translation>aucun d’habitude</translation>
    </message>
    <message>
        <location filename="../ui/alert_bar.py" line="43"/>
        <source>See the messages</source>
        <translation>Voir les messages</translation>
    </message>
    <message>
        <location filename="../ui/alert_bar.py" line="44"/>
        <source>Crisis view…</source>
        <translation>Vue de crise…</translation>
    </message>
    <message>
        <location filename="../ui/alert_bar.py" line="45"/>
        <source>Who is talking, the most shared first, and one holding statement to all</source>
        <translation>Qui parle, les plus partagés d’abord, et une déclaration d’attente pour tous</translation>
    </message>
    <message>
        <location filename="../ui/alert_bar.py" line="46"/>
        <source>Seen to</source>
        <translation>C’est vu</translation>
    </message>
    <message>
        <location filename="../ui/alert_bar.py" line="47"/>
        <source>Hide this alert: it stays in `cmdesk alerts` and the reports</source>
        <translation>Masquer cette alerte : elle reste dans `cmdesk alerts` et les rapports</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/alert_bar.py" line="67"/>
        <source> (and %Ln other alert(s))</source>
        <translation>
            <numerusform> (et %Ln autre alerte)</numerusform>
            <numerusform> (et %Ln autres alertes)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/alert_bar.py" line="68"/>
        <source>Bad buzz?</source>
        <translation>Bad buzz ?</translation>
    </message>
</context>
<context>
    <name>AnswerThereButton</name>
    <message>
        <location filename="../ui/answer_there.py" line="25"/>
        <source>Answer on the site ↗</source>
        <translation>Répondre sur le site ↗</translation>
    </message>
    <message>
        <location filename="../ui/answer_there.py" line="26"/>
        <source>Open this thread in your browser to answer it there</source>
        <translation>Ouvrir cette discussion dans votre navigateur pour y répondre</translation>
    </message>
</context>
<context>
    <name>Assigning</name>
    <message>
        <location filename="../ui/main_window/assigning.py" line="30"/>
        <source>Me ({name})</source>
        <translation>Moi ({name})</translation>
    </message>
    <message>
        <location filename="../ui/main_window/assigning.py" line="36"/>
        <source>Nobody</source>
        <translation>Personne</translation>
    </message>
    <message>
        <location filename="../ui/main_window/assigning.py" line="50"/>
        <source>Not assigned: already taken by {name}</source>
        <translation>Non attribuée : déjà prise par {name}</translation>
    </message>
    <message>
        <location filename="../ui/main_window/assigning.py" line="53"/>
        <source>Not assigned: a teammate unassigned it meanwhile</source>
        <translation>Non attribuée : un coéquipier l&apos;a libérée entre-temps</translation>
    </message>
    <message>
        <location filename="../ui/main_window/assigning.py" line="56"/>
        <source>Assigned here; the team database cannot be reached: it is checked when it can</source>
        <translation>Attribuée ici ; la base de l&apos;équipe est injoignable : ce sera vérifié dès que possible</translation>
    </message>
    <message>
        <location filename="../ui/main_window/assigning.py" line="59"/>
        <source>Assigned to {name}</source>
        <translation>Attribuée à {name}</translation>
    </message>
    <message>
        <location filename="../ui/main_window/assigning.py" line="61"/>
        <source>No longer assigned</source>
        <translation>Plus attribuée</translation>
    </message>
    <message>
        <location filename="../ui/main_window/assigning.py" line="71"/>
        <source>Internal note</source>
        <translation>Note interne</translation>
    </message>
    <message>
        <location filename="../ui/main_window/assigning.py" line="72"/>
        <source>What the team should know about this conversation (never sent to anyone):</source>
        <translation>Ce que l&apos;équipe doit savoir de cette conversation (jamais envoyé à personne) :</translation>
    </message>
    <message>
        <location filename="../ui/main_window/assigning.py" line="77"/>
        <source>Note kept</source>
        <translation>Note enregistrée</translation>
    </message>
    <message>
        <location filename="../ui/main_window/assigning.py" line="113"/>
        <source>✍ {name} is writing a reply here</source>
        <translation>✍ {name} rédige une réponse ici</translation>
    </message>
    <message>
        <location filename="../ui/main_window/assigning.py" line="115"/>
        <source>👀 {name} is reading this conversation</source>
        <translation>👀 {name} lit cette conversation</translation>
    </message>
</context>
<context>
    <name>BlueskySignInDialog</name>
    <message>
        <location filename="../ui/bluesky_dialog.py" line="34"/>
        <source>Sign in to Bluesky again</source>
        <translation>Se reconnecter à Bluesky</translation>
    </message>
    <message>
        <location filename="../ui/bluesky_dialog.py" line="34"/>
        <source>Add a Bluesky account</source>
        <translation>Ajouter un compte Bluesky</translation>
    </message>
    <message>
        <location filename="../ui/bluesky_dialog.py" line="37"/>
        <source>In Bluesky, open {settings}: Settings → Privacy and security → App passwords.</source>
        <translation>Dans Bluesky, ouvrez {settings} : Paramètres → Confidentialité et sécurité → Mots de passe d&apos;application.</translation>
    </message>
    <message>
        <location filename="../ui/bluesky_dialog.py" line="38"/>
        <source>App passwords</source>
        <translation>Mots de passe d&apos;application</translation>
    </message>
    <message>
        <location filename="../ui/bluesky_dialog.py" line="41"/>
        <source>Add an app password named “cmdesk”. Tick “Allow access to your direct messages” for cmdesk to read and answer them.</source>
        <translation>Ajoutez un mot de passe d&apos;application nommé « cmdesk ». Cochez « Autoriser l&apos;accès à vos messages privés » pour que cmdesk puisse les lire et y répondre.</translation>
    </message>
    <message>
        <location filename="../ui/bluesky_dialog.py" line="44"/>
        <source>Paste it below with your handle.</source>
        <translation>Collez-le ci-dessous avec votre identifiant.</translation>
    </message>
    <message>
        <location filename="../ui/bluesky_dialog.py" line="49"/>
        <source>Never your main password: an app password can be revoked alone. cmdesk gives it to your server once and keeps only the session it receives, in your system&apos;s keyring.</source>
        <translation>Jamais votre mot de passe principal : un mot de passe d&apos;application se révoque seul. cmdesk le donne une fois à votre serveur et ne garde que la session reçue, dans le trousseau de votre système.</translation>
    </message>
    <message>
        <location filename="../ui/bluesky_dialog.py" line="57"/>
        <source>you.bsky.social, or your own domain</source>
        <translation>vous.bsky.social, ou votre propre domaine</translation>
    </message>
    <message>
        <location filename="../ui/bluesky_dialog.py" line="62"/>
        <source>Optional: found from your handle</source>
        <translation>Facultatif : trouvé à partir de votre identifiant</translation>
    </message>
    <message>
        <location filename="../ui/bluesky_dialog.py" line="65"/>
        <source>Handle:</source>
        <translation>Identifiant :</translation>
    </message>
    <message>
        <location filename="../ui/bluesky_dialog.py" line="66"/>
        <source>App password:</source>
        <translation>Mot de passe d&apos;application :</translation>
    </message>
    <message>
        <location filename="../ui/bluesky_dialog.py" line="67"/>
        <source>Server:</source>
        <translation>Serveur :</translation>
    </message>
    <message>
        <location filename="../ui/bluesky_dialog.py" line="68"/>
        <source>Client:</source>
        <translation>Client :</translation>
    </message>
    <message>
        <location filename="../ui/bluesky_dialog.py" line="69"/>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <location filename="../ui/bluesky_dialog.py" line="88"/>
        <source>Type your handle and the app password first.</source>
        <translation>Saisissez d&apos;abord votre identifiant et le mot de passe d&apos;application.</translation>
    </message>
    <message>
        <location filename="../ui/bluesky_dialog.py" line="93"/>
        <source>Signing in…</source>
        <translation>Connexion…</translation>
    </message>
</context>
<context>
    <name>BuzzAlerts</name>
    <message>
        <location filename="../ui/main_window/buzz.py" line="26"/>
        <source>Bad buzz?</source>
        <translation>Bad buzz ?</translation>
    </message>
    <message>
        <location filename="../ui/main_window/buzz.py" line="38"/>
        <source>Bad buzz: the conversations behind the alert. Choose a view on the left to go back.</source>
        <translation>Bad buzz : les conversations derrière l’alerte. Choisissez une vue à gauche pour revenir.</translation>
    </message>
</context>
<context>
    <name>CalendarPane</name>
    <message>
        <location filename="../ui/calendar_pane.py" line="311"/>
        <source>Today</source>
        <translation>Aujourd’hui</translation>
    </message>
    <message>
        <location filename="../ui/calendar_pane.py" line="312"/>
        <source>Month</source>
        <translation>Mois</translation>
    </message>
    <message>
        <location filename="../ui/calendar_pane.py" line="313"/>
        <source>Week</source>
        <translation>Semaine</translation>
    </message>
    <message>
        <location filename="../ui/calendar_pane.py" line="324"/>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../ui/calendar_pane.py" line="326"/>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <location filename="../ui/calendar_pane.py" line="411"/>
        <source>Week of {day}</source>
        <translation>Semaine du {day}</translation>
    </message>
    <message>
        <location filename="../ui/calendar_pane.py" line="449"/>
        <source>+{n} more</source>
        <translation>+{n} autres</translation>
    </message>
    <message>
        <location filename="../ui/calendar_pane.py" line="352"/>
        <source>Nothing planned this day.</source>
        <translation>Rien de prévu ce jour-là.</translation>
    </message>
    <message>
        <location filename="../ui/calendar_pane.py" line="541"/>
        <source>A post cannot be moved into the past.</source>
        <translation>Une publication ne peut pas être déplacée dans le passé.</translation>
    </message>
    <message>
        <location filename="../ui/calendar_pane.py" line="543"/>
        <location filename="../ui/calendar_pane.py" line="572"/>
        <source>Move the post</source>
        <translation>Déplacer la publication</translation>
    </message>
    <message>
        <location filename="../ui/calendar_pane.py" line="549"/>
        <source>Moved. Ctrl+Z undoes it.</source>
        <translation>Déplacée. Ctrl+Z annule.</translation>
    </message>
</context>
<context>
    <name>ChartImage</name>
    <message>
        <location filename="../ui/report_charts.py" line="31"/>
        <source>Click a bar or a cell to see the conversations behind it</source>
        <translation>Cliquez sur une barre ou une case pour voir les conversations correspondantes</translation>
    </message>
</context>
<context>
    <name>ClientBox</name>
    <message>
        <location filename="../ui/client_box.py" line="21"/>
        <source>Your business, or your client&apos;s name</source>
        <translation>Votre entreprise, ou le nom de votre client</translation>
    </message>
    <message>
        <location filename="../ui/client_box.py" line="24"/>
        <source>The client this source belongs to; type a new name to create one</source>
        <translation>Le client auquel appartient cette source ; tapez un nouveau nom pour le créer</translation>
    </message>
</context>
<context>
    <name>ClientIdSignInDialog</name>
    <message>
        <location filename="../ui/client_id_dialog.py" line="45"/>
        <source>Client:</source>
        <translation>Client :</translation>
    </message>
    <message>
        <location filename="../ui/client_id_dialog.py" line="93"/>
        <source>Waiting for the browser… Allow the app there, then come back.</source>
        <translation>En attente du navigateur… Autorisez l&apos;application, puis revenez.</translation>
    </message>
</context>
<context>
    <name>ClientMonitorsDialog</name>
    <message>
        <location filename="../ui/monitors_dialog.py" line="118"/>
        <source>What {name} listens for</source>
        <translation>Ce que {name} écoute</translation>
    </message>
    <message>
        <location filename="../ui/monitors_dialog.py" line="122"/>
        <source>Everything {name}&apos;s sources bring — feed entries, mentions, messages, e-mail — is listened to: what matches a line below arrives in the Monitoring view, and networks that can search look for it too. Words must all appear; &quot;quotes&quot; for an exact phrase; -word rules a message out; lang:fr keeps one language.</source>
        <translation>Tout ce qu’apportent les sources de {name} — articles de flux, mentions, messages, e-mails — est écouté : ce qui correspond à une ligne ci-dessous arrive dans la vue Veille, et les réseaux qui savent chercher le cherchent aussi. Tous les mots doivent y être ; des &quot;guillemets&quot; pour une expression exacte ; -mot écarte un message ; lang:fr garde une langue.</translation>
    </message>
    <message>
        <location filename="../ui/monitors_dialog.py" line="129"/>
        <source>Le Fournil, or: &quot;pain au levain&quot; -emploi lang:fr</source>
        <translation>Le Fournil, ou : &quot;pain au levain&quot; -emploi lang:fr</translation>
    </message>
</context>
<context>
    <name>ClientSettingsDialog</name>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="47"/>
        <source>Settings of {client}</source>
        <translation>Réglages de {client}</translation>
    </message>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="50"/>
        <source>Added under “-- ” to e-mail replies (an account&apos;s own one wins)</source>
        <translation>Ajoutée sous « -- » aux réponses e-mail (celle d’un compte l’emporte)</translation>
    </message>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="53"/>
        <source>e.g. mon 09:00, thu 18:30</source>
        <translation>par ex. lun 09:00, jeu 18:30</translation>
    </message>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="56"/>
        <source>hold it and ask me</source>
        <translation>la garder et me demander</translation>
    </message>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="57"/>
        <source>send it when cmdesk runs again</source>
        <translation>l’envoyer quand cmdesk tourne à nouveau</translation>
    </message>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="58"/>
        <source>skip it</source>
        <translation>l’abandonner</translation>
    </message>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="64"/>
        <source>E-mail signature:</source>
        <translation>Signature e-mail :</translation>
    </message>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="65"/>
        <source>Posting slots:</source>
        <translation>Créneaux de publication :</translation>
    </message>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="66"/>
        <source>A post whose time passed while cmdesk was closed:</source>
        <translation>Publication dont l’heure est passée pendant que cmdesk était fermé :</translation>
    </message>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="69"/>
        <source>mon,tue,wed,thu,fri,sat,sun</source>
        <translation>lun,mar,mer,jeu,ven,sam,dim</translation>
    </message>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="71"/>
        <source>Around the clock — or e.g. mon-fri 9:00-18:00, sat 9:00-12:00</source>
        <translation>24 h sur 24 — ou par ex. lun-ven 9h-18h, sam 9h-12h</translation>
    </message>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="77"/>
        <source>Closed days, e.g. 2026-12-25, 2027-01-01</source>
        <translation>Jours de fermeture, par ex. 2026-12-25, 2027-01-01</translation>
    </message>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="79"/>
        <source>No target — or e.g. 4h, 90m, 1d (a business day: 8 h)</source>
        <translation>Pas d&apos;objectif — ou par ex. 4h, 90m, 1d (un jour ouvré : 8 h)</translation>
    </message>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="80"/>
        <source>Business hours:</source>
        <translation>Heures d&apos;ouverture :</translation>
    </message>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="81"/>
        <source>Time zone:</source>
        <translation>Fuseau horaire :</translation>
    </message>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="82"/>
        <source>Holidays:</source>
        <translation>Jours fériés :</translation>
    </message>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="83"/>
        <source>First answer within (business time):</source>
        <translation>Première réponse sous (en heures ouvrées) :</translation>
    </message>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="88"/>
        <source>no report written on its own</source>
        <translation>pas de rapport automatique</translation>
    </message>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="89"/>
        <source>every week (Monday to Sunday)</source>
        <translation>chaque semaine (du lundi au dimanche)</translation>
    </message>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="90"/>
        <source>every month</source>
        <translation>chaque mois</translation>
    </message>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="95"/>
        <source>The folder the PDF goes to, e.g. ~/Documents/Rapports</source>
        <translation>Le dossier où va le PDF, par ex. ~/Documents/Rapports</translation>
    </message>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="97"/>
        <source>Also e-mail it to (optional), e.g. direction@example.fr</source>
        <translation>L&apos;envoyer aussi par e-mail à (facultatif), par ex. direction@exemple.fr</translation>
    </message>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="104"/>
        <source>Report for management:</source>
        <translation>Rapport pour la direction :</translation>
    </message>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="105"/>
        <source>Into the folder:</source>
        <translation>Dans le dossier :</translation>
    </message>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="106"/>
        <source>E-mail it to:</source>
        <translation>L&apos;envoyer à :</translation>
    </message>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="108"/>
        <source>From the account:</source>
        <translation>Depuis le compte :</translation>
    </message>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="128"/>
        <source>“{text}” is not a date like 2026-12-25</source>
        <translation>« {text} » n&apos;est pas une date comme 2026-12-25</translation>
    </message>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="160"/>
        <source>Choose the folder the reports go to.</source>
        <translation>Choisissez le dossier où vont les rapports.</translation>
    </message>
    <message>
        <location filename="../ui/client_settings_dialog.py" line="166"/>
        <source>The client has no e-mail account to send the report from.</source>
        <translation>Le client n&apos;a pas de compte e-mail d&apos;où envoyer le rapport.</translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message>
        <location filename="../ui/command_palette.py" line="33"/>
        <source>Go to or do…</source>
        <translation>Aller à ou faire…</translation>
    </message>
    <message>
        <location filename="../ui/command_palette.py" line="37"/>
        <source>Type an action or a view: done, snooze, calendar, to answer…</source>
        <translation>Tapez une action ou une vue : traité, reporter, calendrier, à répondre…</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../ui/publishing.py" line="103"/>
        <source>At most {n} images per post.</source>
        <translation>Au plus {n} images par publication.</translation>
    </message>
    <message>
        <location filename="../ui/publishing.py" line="109"/>
        <source>{name} is no longer there.</source>
        <translation>{name} n’est plus là.</translation>
    </message>
    <message>
        <location filename="../ui/publishing.py" line="140"/>
        <source>⚠ These accounts belong to {count} clients ({names}): is this text meant for each?</source>
        <translation>⚠ Ces comptes appartiennent à {count} clients ({names}) : ce texte convient-il à chacun ?</translation>
    </message>
    <message>
        <location filename="../ui/publishing.py" line="147"/>
        <source>Demo: on {accounts} the post stays in cmdesk, marked sent.</source>
        <translation>Démo : sur {accounts}, la publication reste dans cmdesk, marquée envoyée.</translation>
    </message>
    <message>
        <location filename="../ui/publishing.py" line="161"/>
        <source>Choose at least one account to publish to.</source>
        <translation>Choisissez au moins un compte où publier.</translation>
    </message>
    <message>
        <location filename="../ui/publishing.py" line="167"/>
        <source>{account} cannot publish posts.</source>
        <translation>{account} ne peut pas publier.</translation>
    </message>
    <message>
        <location filename="../ui/publishing.py" line="170"/>
        <source>Nothing to publish on {account}: the text is empty.</source>
        <translation>Rien à publier sur {account} : le texte est vide.</translation>
    </message>
    <message>
        <location filename="../ui/publishing.py" line="177"/>
        <source>Too long for {account}: {used} / {limit}.</source>
        <translation>Trop long pour {account} : {used} / {limit}.</translation>
    </message>
    <message>
        <location filename="../ui/publishing.py" line="183"/>
        <source>{account} publishes only with an image: add one.</source>
        <translation>{account} ne publie qu’avec une image : ajoutez-en une.</translation>
    </message>
    <message>
        <location filename="../ui/publishing.py" line="190"/>
        <source>Choose when to publish.</source>
        <translation>Choisissez quand publier.</translation>
    </message>
    <message>
        <location filename="../ui/publishing.py" line="250"/>
        <source>Show more</source>
        <translation>Afficher plus</translation>
    </message>
    <message>
        <location filename="../ui/publishing.py" line="257"/>
        <source>(no description)</source>
        <translation>(sans description)</translation>
    </message>
</context>
<context>
    <name>ComposerPane</name>
    <message>
        <location filename="../ui/composer_pane.py" line="67"/>
        <source>Compose</source>
        <translation>Rédiger</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="211"/>
        <source>Publish to</source>
        <translation>Publier sur</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="77"/>
        <source>Content warning (optional): the text stays folded</source>
        <translation>Avertissement de contenu (facultatif) : le texte reste replié</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="80"/>
        <source>What would you like to share? The same text goes to every account.</source>
        <translation>Que voulez-vous partager ? Le même texte part sur chaque compte.</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="84"/>
        <source>All accounts</source>
        <translation>Tous les comptes</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="87"/>
        <source>Own text for…</source>
        <translation>Texte propre à…</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="103"/>
        <source>Add images…</source>
        <translation>Ajouter des images…</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="109"/>
        <source>Now</source>
        <translation>Maintenant</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="110"/>
        <source>At</source>
        <translation>Le</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="111"/>
        <source>Next free slot of the client</source>
        <translation>Prochain créneau libre du client</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="123"/>
        <source>Every week</source>
        <translation>Chaque semaine</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="127"/>
        <source>the client&apos;s choice</source>
        <translation>le choix du client</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="128"/>
        <source>send it when cmdesk runs</source>
        <translation>l’envoyer dès que cmdesk tourne</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="129"/>
        <source>ask me</source>
        <translation>me demander</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="130"/>
        <source>skip it</source>
        <translation>l’abandonner</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="143"/>
        <source>When:</source>
        <translation>Quand :</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="145"/>
        <source>If cmdesk is not running then:</source>
        <translation>Si cmdesk ne tourne pas à ce moment :</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="149"/>
        <location filename="../ui/composer_pane.py" line="422"/>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="151"/>
        <source>Discard</source>
        <translation>Abandonner</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="153"/>
        <location filename="../ui/composer_pane.py" line="392"/>
        <source>Publish</source>
        <translation>Publier</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="155"/>
        <location filename="../ui/composer_pane.py" line="396"/>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Entrée</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="207"/>
        <source> (demo)</source>
        <translation> (démo)</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="209"/>
        <source>No account can publish yet: add a Mastodon account.</source>
        <translation>Aucun compte ne peut encore publier : ajoutez un compte Mastodon.</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="236"/>
        <source>Choose accounts first</source>
        <translation>Choisissez d’abord des comptes</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="261"/>
        <source>Add images</source>
        <translation>Ajouter des images</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="261"/>
        <source>Images (*.jpg *.jpeg *.png *.gif *.webp)</source>
        <translation>Images (*.jpg *.jpeg *.png *.gif *.webp)</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="279"/>
        <source>Describe the image for people who cannot see it (alt text)</source>
        <translation>Décrivez l’image pour qui ne peut pas la voir (texte alternatif)</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="283"/>
        <source>Remove this image</source>
        <translation>Retirer cette image</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="326"/>
        <source>The draft could not be saved: {reason}</source>
        <translation>Le brouillon n’a pas pu être enregistré : {reason}</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="347"/>
        <source>Your draft was restored.</source>
        <translation>Votre brouillon a été restauré.</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="387"/>
        <source>an image has no description</source>
        <translation>une image n’a pas de description</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="389"/>
        <location filename="../ui/composer_pane.py" line="418"/>
        <source>Choose where to publish on the left.</source>
        <translation>Choisissez à gauche où publier.</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="392"/>
        <source>Schedule</source>
        <translation>Programmer</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="440"/>
        <source>That time has passed: choose a later one, or Now.</source>
        <translation>Cette heure est passée : choisissez-en une plus tardive, ou Maintenant.</translation>
    </message>
    <message>
        <location filename="../ui/composer_pane.py" line="451"/>
        <source>Not queued: {reason}</source>
        <translation>Non mis en file : {reason}</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/composer_pane.py" line="457"/>
        <source>Queued: it goes out now (%Ln account(s)).</source>
        <translation>
            <numerusform>En file : départ immédiat (%Ln compte).</numerusform>
            <numerusform>En file : départ immédiat (%Ln comptes).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/composer_pane.py" line="460"/>
        <source>Scheduled for {when} (%Ln account(s)).</source>
        <translation>
            <numerusform>Programmé pour le {when} (%Ln compte).</numerusform>
            <numerusform>Programmé pour le {when} (%Ln comptes).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConversationDelegate</name>
    <message>
        <location filename="../ui/conversation_delegate.py" line="47"/>
        <source>Snoozed until {when}</source>
        <translation>Reporté jusqu’à {when}</translation>
    </message>
    <message>
        <location filename="../ui/conversation_delegate.py" line="295"/>
        <source>Answered</source>
        <translation>Répondu</translation>
    </message>
    <message>
        <location filename="../ui/conversation_delegate.py" line="297"/>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <location filename="../ui/conversation_delegate.py" line="303"/>
        <source>To moderate</source>
        <translation>À modérer</translation>
    </message>
    <message>
        <location filename="../ui/conversation_delegate.py" line="306"/>
        <source>Management</source>
        <translation>Direction</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <location filename="../app/crash.py" line="51"/>
        <source>cmdesk hit a problem</source>
        <translation>cmdesk a rencontré un problème</translation>
    </message>
    <message>
        <location filename="../app/crash.py" line="53"/>
        <source>Something went wrong: {error}
Your data is safe; the details are in the log.</source>
        <translation>Une erreur s’est produite : {error}
Vos données sont intactes ; les détails sont dans le journal.</translation>
    </message>
    <message>
        <location filename="../app/crash.py" line="58"/>
        <source>Copy details</source>
        <translation>Copier les détails</translation>
    </message>
</context>
<context>
    <name>CrisisDialog</name>
    <message>
        <location filename="../ui/crisis_dialog.py" line="39"/>
        <source>Bad buzz: {client}</source>
        <translation>Bad buzz : {client}</translation>
    </message>
    <message>
        <location filename="../ui/crisis_dialog.py" line="54"/>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <location filename="../ui/crisis_dialog.py" line="55"/>
        <source>Where</source>
        <translation>Où</translation>
    </message>
    <message>
        <location filename="../ui/crisis_dialog.py" line="56"/>
        <source>Followers</source>
        <translation>Abonnés</translation>
    </message>
    <message>
        <location filename="../ui/crisis_dialog.py" line="57"/>
        <source>Shared</source>
        <translation>Partages</translation>
    </message>
    <message>
        <location filename="../ui/crisis_dialog.py" line="58"/>
        <source>Answered</source>
        <translation>Répondu</translation>
    </message>
    <message>
        <location filename="../ui/crisis_dialog.py" line="59"/>
        <source>What they say</source>
        <translation>Ce qu’ils disent</translation>
    </message>
    <message>
        <location filename="../ui/crisis_dialog.py" line="98"/>
        <source>Write a holding statement…</source>
        <translation>Écrire une déclaration d’attente…</translation>
    </message>
    <message>
        <location filename="../ui/crisis_dialog.py" line="104"/>
        <source>Hello {first_name}, we take your message very seriously and will come back to you shortly.</source>
        <translation>Bonjour {first_name}, nous prenons votre message très au sérieux et revenons vers vous au plus vite.</translation>
    </message>
    <message>
        <location filename="../ui/crisis_dialog.py" line="116"/>
        <source>Holding statement:</source>
        <translation>Déclaration d’attente :</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/crisis_dialog.py" line="138"/>
        <source>Answer the %Ln waiting conversation(s)</source>
        <translation>
            <numerusform>Répondre à %Ln conversation en attente</numerusform>
            <numerusform>Répondre aux %Ln conversations en attente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/crisis_dialog.py" line="153"/>
        <source>%Ln reply(ies) queued in the Outbox</source>
        <translation>
            <numerusform>%Ln réponse mise dans la boîte d’envoi</numerusform>
            <numerusform>%Ln réponses mises dans la boîte d’envoi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/crisis_dialog.py" line="155"/>
        <source>%Ln already answered</source>
        <translation>
            <numerusform>%Ln déjà répondue</numerusform>
            <numerusform>%Ln déjà répondues</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/crisis_dialog.py" line="143"/>
        <location filename="../ui/crisis_dialog.py" line="157"/>
        <source>%Ln to answer on the site itself</source>
        <translation>
            <numerusform>%Ln à répondre sur le site même</numerusform>
            <numerusform>%Ln à répondre sur le site même</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DamageBar</name>
    <message>
        <location filename="../ui/repair_widgets.py" line="144"/>
        <source>The search index is damaged; your messages are whole.</source>
        <translation>L’index de recherche est endommagé ; vos messages sont intacts.</translation>
    </message>
    <message>
        <location filename="../ui/repair_widgets.py" line="146"/>
        <source>The database is damaged. cmdesk shows what it can read; repairing restarts it.</source>
        <translation>La base de données est endommagée. cmdesk affiche ce qu’il peut lire ; la réparer le redémarre.</translation>
    </message>
</context>
<context>
    <name>DeskTray</name>
    <message>
        <location filename="../ui/tray.py" line="57"/>
        <source>Open cmdesk</source>
        <translation>Ouvrir cmdesk</translation>
    </message>
    <message>
        <location filename="../ui/tray.py" line="58"/>
        <source>Sync now</source>
        <translation>Synchroniser</translation>
    </message>
    <message>
        <location filename="../ui/tray.py" line="60"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location filename="../ui/tray.py" line="73"/>
        <source>cmdesk — {n} unread</source>
        <translation>cmdesk — {n} non lu(s)</translation>
    </message>
    <message>
        <location filename="../ui/tray.py" line="75"/>
        <source>cmdesk — nothing unread</source>
        <translation>cmdesk — rien de non lu</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/tray.py" line="102"/>
        <source>cmdesk: %Ln new conversation(s)</source>
        <translation>
            <numerusform>cmdesk : %Ln nouvelle conversation</numerusform>
            <numerusform>cmdesk : %Ln nouvelles conversations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DiscourseSignInDialog</name>
    <message>
        <location filename="../ui/discourse_dialog.py" line="52"/>
        <source>Sign in to the forum again</source>
        <translation>Se reconnecter au forum</translation>
    </message>
    <message>
        <location filename="../ui/discourse_dialog.py" line="52"/>
        <source>Add a Discourse forum</source>
        <translation>Ajouter un forum Discourse</translation>
    </message>
    <message>
        <location filename="../ui/discourse_dialog.py" line="56"/>
        <source>Type the forum&apos;s address, then approve cmdesk on the forum&apos;s page: it opens in your browser, where you are signed in. cmdesk receives a key for your account only, kept in your system&apos;s keyring; you can revoke it in your preferences on the forum.</source>
        <translation>Saisissez l&apos;adresse du forum, puis approuvez cmdesk sur la page du forum : elle s&apos;ouvre dans votre navigateur, où vous êtes connecté. cmdesk reçoit une clé pour votre seul compte, gardée dans le trousseau de votre système ; vous pouvez la révoquer dans vos préférences sur le forum.</translation>
    </message>
    <message>
        <location filename="../ui/discourse_dialog.py" line="66"/>
        <source>Approve cmdesk on the forum</source>
        <translation>Approuver cmdesk sur le forum</translation>
    </message>
    <message>
        <location filename="../ui/discourse_dialog.py" line="70"/>
        <source>Forum:</source>
        <translation>Forum :</translation>
    </message>
    <message>
        <location filename="../ui/discourse_dialog.py" line="71"/>
        <source>Client:</source>
        <translation>Client :</translation>
    </message>
    <message>
        <location filename="../ui/discourse_dialog.py" line="74"/>
        <source>The block of text the forum shows</source>
        <translation>Le bloc de texte affiché par le forum</translation>
    </message>
    <message>
        <location filename="../ui/discourse_dialog.py" line="76"/>
        <source>Open the page that shows it</source>
        <translation>Ouvrir la page qui l&apos;affiche</translation>
    </message>
    <message>
        <location filename="../ui/discourse_dialog.py" line="78"/>
        <source>Sign in with the text</source>
        <translation>Se connecter avec le texte</translation>
    </message>
    <message>
        <location filename="../ui/discourse_dialog.py" line="80"/>
        <source>The forum does not send cmdesk back? Paste what it shows</source>
        <translation>Le forum ne revient pas à cmdesk ? Collez ce qu&apos;il affiche</translation>
    </message>
    <message>
        <location filename="../ui/discourse_dialog.py" line="89"/>
        <source>The username the key acts as</source>
        <translation>Le nom d&apos;utilisateur pour lequel agit la clé</translation>
    </message>
    <message>
        <location filename="../ui/discourse_dialog.py" line="92"/>
        <source>Sign in with the key</source>
        <translation>Se connecter avec la clé</translation>
    </message>
    <message>
        <location filename="../ui/discourse_dialog.py" line="94"/>
        <source>Site administrator: an API key instead (Admin → API)</source>
        <translation>Administrateur du site : une clé d&apos;API à la place (Admin → API)</translation>
    </message>
    <message>
        <location filename="../ui/discourse_dialog.py" line="96"/>
        <source>Username:</source>
        <translation>Nom d&apos;utilisateur :</translation>
    </message>
    <message>
        <location filename="../ui/discourse_dialog.py" line="97"/>
        <source>API key:</source>
        <translation>Clé d&apos;API :</translation>
    </message>
    <message>
        <location filename="../ui/discourse_dialog.py" line="118"/>
        <source>Type the forum&apos;s address first.</source>
        <translation>Saisissez d&apos;abord l&apos;adresse du forum.</translation>
    </message>
    <message>
        <location filename="../ui/discourse_dialog.py" line="123"/>
        <source>Waiting for your approval in the browser…</source>
        <translation>En attente de votre approbation dans le navigateur…</translation>
    </message>
    <message>
        <location filename="../ui/discourse_dialog.py" line="131"/>
        <source>Approve cmdesk on the page that opened, then paste the text it shows here.</source>
        <translation>Approuvez cmdesk sur la page ouverte, puis collez ici le texte qu&apos;elle affiche.</translation>
    </message>
    <message>
        <location filename="../ui/discourse_dialog.py" line="136"/>
        <source>Paste the text the forum shows first.</source>
        <translation>Collez d&apos;abord le texte affiché par le forum.</translation>
    </message>
    <message>
        <location filename="../ui/discourse_dialog.py" line="143"/>
        <source>Type the username and the API key first.</source>
        <translation>Saisissez d&apos;abord le nom d&apos;utilisateur et la clé d&apos;API.</translation>
    </message>
</context>
<context>
    <name>EditPostDialog</name>
    <message>
        <location filename="../ui/calendar_pane.py" line="265"/>
        <source>Edit the post</source>
        <translation>Modifier la publication</translation>
    </message>
    <message>
        <location filename="../ui/calendar_pane.py" line="275"/>
        <source>Accounts:</source>
        <translation>Comptes :</translation>
    </message>
    <message>
        <location filename="../ui/calendar_pane.py" line="276"/>
        <source>When:</source>
        <translation>Quand :</translation>
    </message>
    <message>
        <location filename="../ui/calendar_pane.py" line="280"/>
        <source>State:</source>
        <translation>État :</translation>
    </message>
</context>
<context>
    <name>EmailAccountDialog</name>
    <message>
        <location filename="../ui/email_dialog.py" line="48"/>
        <source>Add an e-mail account</source>
        <translation>Ajouter un compte e-mail</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="51"/>
        <source>contact@your-shop.fr</source>
        <translation>contact@votre-boutique.fr</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="55"/>
        <source>password or app password</source>
        <translation>mot de passe ou mot de passe d’application</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="64"/>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="64"/>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="64"/>
        <source>none (this computer only)</source>
        <translation>aucune (cet ordinateur seulement)</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="70"/>
        <source>only if it is not the address</source>
        <translation>seulement si ce n’est pas l’adresse</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="75"/>
        <source>the last 7 days</source>
        <translation>les 7 derniers jours</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="76"/>
        <source>the last 30 days</source>
        <translation>les 30 derniers jours</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="77"/>
        <source>the last 90 days</source>
        <translation>les 90 derniers jours</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="78"/>
        <source>the last year</source>
        <translation>la dernière année</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="79"/>
        <source>everything</source>
        <translation>tout</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="85"/>
        <source>Older messages follow in the background, a page at a time.</source>
        <translation>Les messages plus anciens suivent en arrière-plan, une page à la fois.</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="88"/>
        <source>Test the connection to list every folder of the account.</source>
        <translation>Testez la connexion pour lister tous les dossiers du compte.</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="91"/>
        <source>Address:</source>
        <translation>Adresse :</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="92"/>
        <source>Password:</source>
        <translation>Mot de passe :</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="93"/>
        <source>Client:</source>
        <translation>Client :</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="94"/>
        <source>Incoming (IMAP):</source>
        <translation>Réception (IMAP) :</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="95"/>
        <location filename="../ui/email_dialog.py" line="97"/>
        <source>Port, security:</source>
        <translation>Port, sécurité :</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="96"/>
        <source>Outgoing (SMTP):</source>
        <translation>Envoi (SMTP) :</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="98"/>
        <source>User name:</source>
        <translation>Identifiant :</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="99"/>
        <source>First sync reaches:</source>
        <translation>La première synchro remonte à :</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="100"/>
        <source>Folders:</source>
        <translation>Dossiers :</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="106"/>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="107"/>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="211"/>
        <source>Type the address and the incoming server (IMAP).</source>
        <translation>Saisissez l’adresse et le serveur de réception (IMAP).</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="214"/>
        <source>Type the password.</source>
        <translation>Saisissez le mot de passe.</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="217"/>
        <source>Connecting to {host}…</source>
        <translation>Connexion à {host}…</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="221"/>
        <source>Cannot use this account: {reason}</source>
        <translation>Impossible d’utiliser ce compte : {reason}</translation>
    </message>
    <message>
        <location filename="../ui/email_dialog.py" line="225"/>
        <source>Connected: {summary}</source>
        <translation>Connecté : {summary}</translation>
    </message>
</context>
<context>
    <name>Kind</name>
    <message>
        <location filename="../ui/style.py" line="51"/>
        <source>Post</source>
        <translation>Publication</translation>
    </message>
    <message>
        <location filename="../ui/style.py" line="52"/>
        <source>Mention</source>
        <translation>Mention</translation>
    </message>
    <message>
        <location filename="../ui/style.py" line="53"/>
        <source>Direct message</source>
        <translation>Message privé</translation>
    </message>
    <message>
        <location filename="../ui/style.py" line="54"/>
        <source>Comments</source>
        <translation>Commentaires</translation>
    </message>
    <message>
        <location filename="../ui/style.py" line="55"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
</context>
<context>
    <name>ListenDialog</name>
    <message>
        <location filename="../ui/listen_dialog.py" line="31"/>
        <source>Listen to the web for a name</source>
        <translation>Écouter le web pour un nom</translation>
    </message>
    <message>
        <location filename="../ui/listen_dialog.py" line="35"/>
        <source>Type the name people use — your business, a product, a person. cmdesk adds the searches below as sources, newest first, and listens for the name in everything your other sources bring.</source>
        <translation>Tapez le nom qu’emploient les gens — votre entreprise, un produit, une personne. cmdesk ajoute les recherches ci-dessous comme sources, les plus récentes d’abord, et écoute ce nom dans tout ce qu’apportent vos autres sources.</translation>
    </message>
    <message>
        <location filename="../ui/listen_dialog.py" line="43"/>
        <source>Videos: YouTube and Dailymotion offer no search feed. Add the channels that talk about you with Add a source (paste the channel&apos;s address: its feed is found). A Mastodon hashtag (#LeFournil) is followed through the client&apos;s monitors.</source>
        <translation>Vidéos : YouTube et Dailymotion n&apos;ont pas de flux de recherche. Ajoutez les chaînes qui parlent de vous avec Ajouter une source (collez l&apos;adresse de la chaîne : son flux est trouvé). Un hashtag Mastodon (#LeFournil) se suit par les veilles du client.</translation>
    </message>
    <message>
        <location filename="../ui/listen_dialog.py" line="52"/>
        <source>Le Fournil</source>
        <translation>Le Fournil</translation>
    </message>
    <message>
        <location filename="../ui/listen_dialog.py" line="54"/>
        <source>The client it is for (the name, if empty)</source>
        <translation>Le client concerné (le nom, si vide)</translation>
    </message>
    <message>
        <location filename="../ui/listen_dialog.py" line="56"/>
        <source>French</source>
        <translation>Français</translation>
    </message>
    <message>
        <location filename="../ui/listen_dialog.py" line="57"/>
        <source>English</source>
        <translation>Anglais</translation>
    </message>
    <message>
        <location filename="../ui/listen_dialog.py" line="62"/>
        <source>Google News: news articles that name it</source>
        <translation>Google Actualités : les articles de presse qui le citent</translation>
    </message>
    <message>
        <location filename="../ui/listen_dialog.py" line="63"/>
        <source>Bing News: more news sites, blogs and local papers</source>
        <translation>Bing Actualités : d’autres sites d’info, blogs et journaux locaux</translation>
    </message>
    <message>
        <location filename="../ui/listen_dialog.py" line="64"/>
        <source>Reddit: posts that name it, newest first</source>
        <translation>Reddit : les publications qui le citent, les plus récentes d’abord</translation>
    </message>
    <message>
        <location filename="../ui/listen_dialog.py" line="67"/>
        <source>Name:</source>
        <translation>Nom :</translation>
    </message>
    <message>
        <location filename="../ui/listen_dialog.py" line="68"/>
        <source>Client:</source>
        <translation>Client :</translation>
    </message>
    <message>
        <location filename="../ui/listen_dialog.py" line="69"/>
        <source>Language:</source>
        <translation>Langue :</translation>
    </message>
    <message>
        <location filename="../ui/listen_dialog.py" line="78"/>
        <source>Listen</source>
        <translation>Écouter</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main_window/window.py" line="134"/>
        <source>cmdesk</source>
        <translation>cmdesk</translation>
    </message>
    <message>
        <location filename="../ui/main_window/window.py" line="237"/>
        <source>Not taken as commands: {reason}</source>
        <translation>Non pris comme des commandes : {reason}</translation>
    </message>
    <message>
        <location filename="../ui/main_window/window.py" line="247"/>
        <source>Back from sleep: syncing everything…</source>
        <translation>Retour de veille : tout se synchronise…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/window.py" line="257"/>
        <source>Not saved: {reason}</source>
        <translation>Non enregistré : {reason}</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="32"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="57"/>
        <source>&amp;Add a source…</source>
        <translation>&amp;Ajouter une source…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="60"/>
        <source>Add a &amp;Mastodon account…</source>
        <translation>Ajouter un compte &amp;Mastodon…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="94"/>
        <source>Add an &amp;e-mail account…</source>
        <translation>Ajouter un compte &amp;e-mail…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="98"/>
        <source>&amp;Sync all</source>
        <translation>&amp;Tout synchroniser</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="105"/>
        <source>Load the &amp;demo workspace</source>
        <translation>Charger l’espace de &amp;démonstration</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="112"/>
        <source>&amp;Remove the demo workspace</source>
        <translation>&amp;Retirer l’espace de démonstration</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="116"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="33"/>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="63"/>
        <source>Add a &amp;YouTube channel…</source>
        <translation>Ajouter une chaîne &amp;YouTube…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="67"/>
        <source>Add a &amp;Facebook Page or Instagram…</source>
        <translation>Ajouter une Page &amp;Facebook ou un Instagram…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="73"/>
        <source>Add a &amp;Bluesky account…</source>
        <translation>Ajouter un compte &amp;Bluesky…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="75"/>
        <source>Add an &amp;X account…</source>
        <translation>Ajouter un compte &amp;X…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="77"/>
        <source>Add a &amp;Reddit account…</source>
        <translation>Ajouter un compte &amp;Reddit…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="81"/>
        <source>Add a &amp;WordPress site…</source>
        <translation>Ajouter un site &amp;WordPress…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="88"/>
        <source>Add a D&amp;iscourse forum…</source>
        <translation>Ajouter un forum D&amp;iscourse…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="122"/>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="125"/>
        <source>Mark &amp;done</source>
        <translation>Marquer comme &amp;traité</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="128"/>
        <source>Re&amp;open</source>
        <translation>Ré&amp;ouvrir</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="131"/>
        <source>Mark &amp;pending</source>
        <translation>Marquer &amp;en attente</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="133"/>
        <source>&amp;Snooze…</source>
        <translation>&amp;Reporter…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="134"/>
        <source>Toggle &amp;unread</source>
        <translation>Basculer &amp;non lu</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="135"/>
        <source>&amp;Label…</source>
        <translation>É&amp;tiquette…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="136"/>
        <source>Sen&amp;timent…</source>
        <translation>Sen&amp;timent…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="137"/>
        <source>Ass&amp;ign…</source>
        <translation>Attri&amp;buer…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="138"/>
        <source>Add a &amp;note…</source>
        <translation>Ajouter une &amp;note…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="140"/>
        <source>For &amp;management…</source>
        <translation>Pour la &amp;direction…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="142"/>
        <source>&amp;Reply</source>
        <translation>Ré&amp;pondre</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="144"/>
        <source>Select &amp;all</source>
        <translation>Tout &amp;sélectionner</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="148"/>
        <source>&amp;Preferences…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="34"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="153"/>
        <source>&amp;Inbox</source>
        <translation>&amp;Boîte de réception</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="154"/>
        <source>S&amp;ources</source>
        <translation>S&amp;ources</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="155"/>
        <source>&amp;Compose</source>
        <translation>&amp;Rédiger</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="157"/>
        <source>C&amp;alendar</source>
        <translation>C&amp;alendrier</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="159"/>
        <source>Out&amp;box</source>
        <translation>Boîte d’en&amp;voi</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="35"/>
        <source>&amp;Go</source>
        <translation>A&amp;ller</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="160"/>
        <source>&amp;Reports</source>
        <translation>&amp;Rapports</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="161"/>
        <source>&amp;Next conversation</source>
        <translation>Conversation &amp;suivante</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="162"/>
        <source>&amp;Previous conversation</source>
        <translation>Conversation &amp;précédente</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="163"/>
        <source>&amp;Search</source>
        <translation>&amp;Rechercher</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="165"/>
        <source>Search (alternative)</source>
        <translation>Rechercher (autre raccourci)</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="36"/>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="167"/>
        <source>&amp;Go to or do…</source>
        <translation>&amp;Aller à ou faire…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="168"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="169"/>
        <source>&amp;About cmdesk</source>
        <translation>À &amp;propos de cmdesk</translation>
    </message>
    <message>
        <location filename="../ui/main_window/window.py" line="478"/>
        <source>No message matches “{text}”.</source>
        <translation>Aucun message ne correspond à « {text} ».</translation>
    </message>
    <message>
        <location filename="../ui/main_window/window.py" line="482"/>
        <source>Nothing is overdue until a client has a first-response target: Sources → a client → Client settings… → “First answer within”.</source>
        <translation>Rien n&apos;est en retard tant qu&apos;aucun client n&apos;a d&apos;objectif de première réponse : Sources → un client → Réglages du client… → « Première réponse sous ».</translation>
    </message>
    <message>
        <location filename="../ui/main_window/window.py" line="489"/>
        <source>Nothing waits for moderation. Comments a network holds for review (YouTube&apos;s “Held for review”) come here, to approve or hide.</source>
        <translation>Rien n&apos;attend de modération. Les commentaires qu&apos;un réseau retient pour examen (« En attente d&apos;examen » sur YouTube) arrivent ici, pour les approuver ou les masquer.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/window.py" line="496"/>
        <source>Nothing here. Inbox zero in “{view}” — enjoy the calm.</source>
        <translation>Rien ici. Boîte vide dans « {view} » — profitez du calme.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/window.py" line="539"/>
        <source>Could not read: {reason}</source>
        <translation>Lecture impossible : {reason}</translation>
    </message>
    <message>
        <location filename="../ui/main_window/window.py" line="543"/>
        <source>Repairing…</source>
        <translation>Réparation…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/window.py" line="588"/>
        <source>cmdesk keeps syncing here. Quit from this icon&apos;s menu.</source>
        <translation>cmdesk continue de synchroniser ici. Quittez depuis le menu de cette icône.</translation>
    </message>
</context>
<context>
    <name>ManagementDialog</name>
    <message>
        <location filename="../ui/management_dialog.py" line="16"/>
        <source>For management</source>
        <translation>Pour la direction</translation>
    </message>
    <message>
        <location filename="../ui/management_dialog.py" line="21"/>
        <source>What should management know about this? The note goes in the client&apos;s reports, under “For management”. It may stay empty.</source>
        <translation>Que doit savoir la direction ? La note figure dans les rapports du client, sous « Pour la direction ». Elle peut rester vide.</translation>
    </message>
    <message>
        <location filename="../ui/management_dialog.py" line="28"/>
        <source>e.g. Third complaint about Sunday opening hours</source>
        <translation>par ex. Troisième plainte sur les horaires du dimanche</translation>
    </message>
    <message>
        <location filename="../ui/management_dialog.py" line="33"/>
        <source>Take the flag off</source>
        <translation>Retirer le signalement</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/management_dialog.py" line="39"/>
        <source>%Ln conversation(s) selected</source>
        <translation>
            <numerusform>%Ln conversation sélectionnée</numerusform>
            <numerusform>%Ln conversations sélectionnées</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MastodonSignInDialog</name>
    <message>
        <location filename="../ui/mastodon_dialog.py" line="51"/>
        <source>Sign in to Mastodon again</source>
        <translation>Se reconnecter à Mastodon</translation>
    </message>
    <message>
        <location filename="../ui/mastodon_dialog.py" line="51"/>
        <source>Add a Mastodon account</source>
        <translation>Ajouter un compte Mastodon</translation>
    </message>
    <message>
        <location filename="../ui/mastodon_dialog.py" line="55"/>
        <source>cmdesk opens your browser on your server&apos;s sign-in page. Allow cmdesk there and come back: the account is added by itself. Your password never passes through cmdesk, and the access it receives is kept in your system&apos;s keyring.</source>
        <translation>cmdesk ouvre votre navigateur sur la page de connexion de votre serveur. Autorisez cmdesk puis revenez : le compte s’ajoute tout seul. Votre mot de passe ne passe jamais par cmdesk, et l’accès qu’il reçoit est gardé dans le trousseau de votre système.</translation>
    </message>
    <message>
        <location filename="../ui/mastodon_dialog.py" line="63"/>
        <source>mastodon.social, or your handle @you@your.server</source>
        <translation>mastodon.social, ou votre identifiant @vous@votre.serveur</translation>
    </message>
    <message>
        <location filename="../ui/mastodon_dialog.py" line="66"/>
        <source>Server or handle:</source>
        <translation>Serveur ou identifiant :</translation>
    </message>
    <message>
        <location filename="../ui/mastodon_dialog.py" line="67"/>
        <source>Client:</source>
        <translation>Client :</translation>
    </message>
    <message>
        <location filename="../ui/mastodon_dialog.py" line="68"/>
        <source>Sign in with the browser</source>
        <translation>Se connecter avec le navigateur</translation>
    </message>
    <message>
        <location filename="../ui/mastodon_dialog.py" line="71"/>
        <source>Use a code instead…</source>
        <translation>Utiliser plutôt un code…</translation>
    </message>
    <message>
        <location filename="../ui/mastodon_dialog.py" line="73"/>
        <source>Sign in with a code</source>
        <translation>Se connecter avec un code</translation>
    </message>
    <message>
        <location filename="../ui/mastodon_dialog.py" line="76"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location filename="../ui/mastodon_dialog.py" line="78"/>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <location filename="../ui/mastodon_dialog.py" line="81"/>
        <source>Paste the code the server shows</source>
        <translation>Collez le code affiché par le serveur</translation>
    </message>
    <message>
        <location filename="../ui/mastodon_dialog.py" line="82"/>
        <source>Finish</source>
        <translation>Terminer</translation>
    </message>
    <message>
        <location filename="../ui/mastodon_dialog.py" line="92"/>
        <source>1. Open this address in any browser and allow cmdesk:</source>
        <translation>1. Ouvrez cette adresse dans un navigateur et autorisez cmdesk :</translation>
    </message>
    <message>
        <location filename="../ui/mastodon_dialog.py" line="94"/>
        <source>2. Paste the code it shows:</source>
        <translation>2. Collez le code affiché :</translation>
    </message>
    <message>
        <location filename="../ui/mastodon_dialog.py" line="122"/>
        <source>Waiting for the browser… Allow cmdesk on your server&apos;s page, then come back.</source>
        <translation>En attente du navigateur… Autorisez cmdesk sur la page de votre serveur, puis revenez.</translation>
    </message>
    <message>
        <location filename="../ui/mastodon_dialog.py" line="131"/>
        <source>Asking the server for a sign-in address…</source>
        <translation>Demande d’une adresse de connexion au serveur…</translation>
    </message>
    <message>
        <location filename="../ui/mastodon_dialog.py" line="140"/>
        <source>Paste the code first.</source>
        <translation>Collez d’abord le code.</translation>
    </message>
    <message>
        <location filename="../ui/mastodon_dialog.py" line="143"/>
        <source>Checking the code…</source>
        <translation>Vérification du code…</translation>
    </message>
</context>
<context>
    <name>MessageCounts</name>
    <message numerus="yes">
        <location filename="../ui/message_counts.py" line="23"/>
        <source>%Ln view(s)</source>
        <translation>
            <numerusform>%Ln vue</numerusform>
            <numerusform>%Ln vues</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/message_counts.py" line="25"/>
        <source>%Ln like(s)</source>
        <translation>
            <numerusform>%Ln « j&apos;aime »</numerusform>
            <numerusform>%Ln « j&apos;aime »</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/message_counts.py" line="27"/>
        <source>%Ln comment(s)</source>
        <translation>
            <numerusform>%Ln commentaire</numerusform>
            <numerusform>%Ln commentaires</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MetaSignInDialog</name>
    <message>
        <location filename="../ui/meta_dialog.py" line="55"/>
        <source>Sign in to Meta again</source>
        <translation>Se reconnecter à Meta</translation>
    </message>
    <message>
        <location filename="../ui/meta_dialog.py" line="55"/>
        <source>Add a Facebook Page or Instagram</source>
        <translation>Ajouter une Page Facebook ou un Instagram</translation>
    </message>
    <message>
        <location filename="../ui/meta_dialog.py" line="59"/>
        <source>cmdesk reads and answers your Page&apos;s Messenger and comments, and your Instagram account&apos;s comments and messages, through your own Meta app. Its Standard Access needs no App Review for the people who have a role on the app — you. Once per client:</source>
        <translation>cmdesk lit et répond aux messages Messenger et aux commentaires de votre Page, ainsi qu’aux commentaires et messages de votre compte Instagram, via votre propre application Meta. Son accès standard ne demande aucun examen (App Review) pour les personnes qui ont un rôle sur l’application — vous. Une fois par client :</translation>
    </message>
    <message>
        <location filename="../ui/meta_dialog.py" line="70"/>
        <source>1384839195809…</source>
        <translation>1384839195809…</translation>
    </message>
    <message>
        <location filename="../ui/meta_dialog.py" line="73"/>
        <source>Sign in with Facebook</source>
        <translation>Se connecter avec Facebook</translation>
    </message>
    <message>
        <location filename="../ui/meta_dialog.py" line="77"/>
        <source>EAAG… (the user access token)</source>
        <translation>EAAG… (le token d’accès utilisateur)</translation>
    </message>
    <message>
        <location filename="../ui/meta_dialog.py" line="78"/>
        <source>Find my Pages</source>
        <translation>Trouver mes Pages</translation>
    </message>
    <message>
        <location filename="../ui/meta_dialog.py" line="88"/>
        <source>Client:</source>
        <translation>Client :</translation>
    </message>
    <message>
        <location filename="../ui/meta_dialog.py" line="89"/>
        <source>App ID:</source>
        <translation>ID de l’app :</translation>
    </message>
    <message>
        <location filename="../ui/meta_dialog.py" line="90"/>
        <source>App secret:</source>
        <translation>Clé secrète :</translation>
    </message>
    <message>
        <location filename="../ui/meta_dialog.py" line="92"/>
        <source>Or a token:</source>
        <translation>Ou un token :</translation>
    </message>
    <message>
        <location filename="../ui/meta_dialog.py" line="95"/>
        <source>Sign in with Facebook, or paste a token and “Find my Pages”.</source>
        <translation>Connectez-vous avec Facebook, ou collez un token puis « Trouver mes Pages ».</translation>
    </message>
    <message>
        <location filename="../ui/meta_dialog.py" line="115"/>
        <source>In Facebook Login → Settings, add {uri} to “Valid OAuth Redirect URIs”; copy the app&apos;s ID and secret (App settings → Basic) below, then “Sign in with Facebook”.</source>
        <translation>Dans Facebook Login → Paramètres, ajoutez {uri} aux « URI de redirection OAuth valides » ; copiez l’ID et la clé secrète de l’app (Paramètres de l’app → Général) ci-dessous, puis « Se connecter avec Facebook ».</translation>
    </message>
    <message>
        <location filename="../ui/meta_dialog.py" line="118"/>
        <source>Or, in the {explorer}, “Get User Access Token” with {permissions}; extend it to 60 days in the {debugger}, and paste it below.</source>
        <translation>Ou, dans l’{explorer}, « Get User Access Token » avec {permissions} ; prolongez-le à 60 jours dans le {debugger}, et collez-le ci-dessous.</translation>
    </message>
    <message>
        <location filename="../ui/meta_dialog.py" line="94"/>
        <source>Accounts:</source>
        <translation>Comptes :</translation>
    </message>
    <message>
        <location filename="../ui/meta_dialog.py" line="97"/>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location filename="../ui/meta_dialog.py" line="112"/>
        <source>In {apps}: Create app → “Other” → “Business”; add “Facebook Login for Business”, “Messenger” and, for Instagram, “Instagram”.</source>
        <translation>Dans {apps} : Créer une app → « Autre » → « Entreprise » ; ajoutez « Facebook Login for Business », « Messenger » et, pour Instagram, « Instagram ».</translation>
    </message>
    <message>
        <location filename="../ui/meta_dialog.py" line="113"/>
        <source>Meta for Developers</source>
        <translation>Meta for Developers</translation>
    </message>
    <message>
        <location filename="../ui/meta_dialog.py" line="120"/>
        <source>Graph API Explorer</source>
        <translation>explorateur de l’API Graph</translation>
    </message>
    <message>
        <location filename="../ui/meta_dialog.py" line="122"/>
        <source>Access Token Debugger</source>
        <translation>débogueur de token d’accès</translation>
    </message>
    <message>
        <location filename="../ui/meta_dialog.py" line="142"/>
        <source>Copy the app&apos;s ID (a number) and its secret first (App settings → Basic).</source>
        <translation>Copiez d’abord l’ID de l’app (un nombre) et sa clé secrète (Paramètres de l’app → Général).</translation>
    </message>
    <message>
        <location filename="../ui/meta_dialog.py" line="147"/>
        <source>Waiting for the browser… Sign in to Facebook and allow your app, then come back.</source>
        <translation>En attente du navigateur… Connectez-vous à Facebook et autorisez votre app, puis revenez.</translation>
    </message>
    <message>
        <location filename="../ui/meta_dialog.py" line="174"/>
        <source>Paste the access token first.</source>
        <translation>Collez d’abord le token d’accès.</translation>
    </message>
    <message>
        <location filename="../ui/meta_dialog.py" line="176"/>
        <source>Asking Meta which Pages this token can act for…</source>
        <translation>Meta est interrogé sur les Pages accessibles avec ce token…</translation>
    </message>
    <message>
        <location filename="../ui/meta_dialog.py" line="181"/>
        <source>{name} — Facebook Page</source>
        <translation>{name} — Page Facebook</translation>
    </message>
    <message>
        <location filename="../ui/meta_dialog.py" line="183"/>
        <source>{name} — Instagram, linked to {page}</source>
        <translation>{name} — Instagram, lié à {page}</translation>
    </message>
    <message>
        <location filename="../ui/meta_dialog.py" line="189"/>
        <source>Untick what this client should not follow, then “Add”.</source>
        <translation>Décochez ce que ce client ne doit pas suivre, puis « Ajouter ».</translation>
    </message>
    <message>
        <location filename="../ui/meta_dialog.py" line="191"/>
        <source>This token can act for no Page: did you tick pages_show_list, and do you have a role on the Page?</source>
        <translation>Ce token ne donne accès à aucune Page : avez-vous coché pages_show_list, et avez-vous un rôle sur la Page ?</translation>
    </message>
    <message>
        <location filename="../ui/meta_dialog.py" line="196"/>
        <source>Signing in…</source>
        <translation>Connexion…</translation>
    </message>
</context>
<context>
    <name>MonitorsDialog</name>
    <message>
        <location filename="../ui/monitors_dialog.py" line="35"/>
        <source>Monitors of {name}</source>
        <translation>Veilles de {name}</translation>
    </message>
    <message>
        <location filename="../ui/monitors_dialog.py" line="39"/>
        <source>Listen for a #hashtag or a few words: public posts that match arrive in the Monitoring view, even when nobody mentions you. Keyword search depends on what your server allows.</source>
        <translation>Écoutez un #hashtag ou quelques mots : les messages publics qui correspondent arrivent dans la vue Veille, même quand personne ne vous mentionne. La recherche par mots dépend de ce que permet votre serveur.</translation>
    </message>
    <message>
        <location filename="../ui/monitors_dialog.py" line="44"/>
        <source>#boulangerie, or: pain au levain</source>
        <translation>#boulangerie, ou : pain au levain</translation>
    </message>
    <message>
        <location filename="../ui/monitors_dialog.py" line="52"/>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location filename="../ui/monitors_dialog.py" line="55"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
</context>
<context>
    <name>Network</name>
    <message>
        <location filename="../connectors/registry.py" line="103"/>
        <source>Feed</source>
        <translation>Flux</translation>
    </message>
    <message>
        <location filename="../connectors/registry.py" line="119"/>
        <source>Mastodon</source>
        <translation>Mastodon</translation>
    </message>
    <message>
        <location filename="../connectors/registry.py" line="145"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../connectors/registry.py" line="162"/>
        <source>YouTube</source>
        <translation>YouTube</translation>
    </message>
    <message>
        <location filename="../connectors/registry.py" line="182"/>
        <source>Facebook</source>
        <translation>Facebook</translation>
    </message>
    <message>
        <location filename="../connectors/registry.py" line="212"/>
        <source>Instagram</source>
        <translation>Instagram</translation>
    </message>
    <message>
        <location filename="../connectors/registry.py" line="241"/>
        <source>Bluesky</source>
        <translation>Bluesky</translation>
    </message>
    <message>
        <location filename="../connectors/registry.py" line="265"/>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <location filename="../connectors/registry.py" line="289"/>
        <source>Reddit</source>
        <translation>Reddit</translation>
    </message>
    <message>
        <location filename="../connectors/registry.py" line="307"/>
        <source>WordPress</source>
        <translation>WordPress</translation>
    </message>
    <message>
        <location filename="../connectors/registry.py" line="324"/>
        <source>Discourse</source>
        <translation>Discourse</translation>
    </message>
    <message>
        <location filename="../connectors/registry.py" line="340"/>
        <source>Dailymotion</source>
        <translation>Dailymotion</translation>
    </message>
</context>
<context>
    <name>NewLabelDialog</name>
    <message>
        <location filename="../ui/label_dialog.py" line="25"/>
        <source>New label</source>
        <translation>Nouvelle étiquette</translation>
    </message>
    <message>
        <location filename="../ui/label_dialog.py" line="27"/>
        <source>e.g. Urgent, Order, Bad buzz</source>
        <translation>p. ex. Urgent, Commande, Bad buzz</translation>
    </message>
    <message>
        <location filename="../ui/label_dialog.py" line="56"/>
        <source>Name:</source>
        <translation>Nom :</translation>
    </message>
    <message>
        <location filename="../ui/label_dialog.py" line="57"/>
        <source>Colour:</source>
        <translation>Couleur :</translation>
    </message>
</context>
<context>
    <name>OutboxPane</name>
    <message>
        <location filename="../ui/outbox_pane.py" line="39"/>
        <source>Outbox</source>
        <translation>Boîte d’envoi</translation>
    </message>
    <message>
        <location filename="../ui/outbox_pane.py" line="42"/>
        <source>Everything cmdesk sends goes through here first, so nothing is lost or sent twice.</source>
        <translation>Tout ce que cmdesk envoie passe d’abord par ici : rien ne se perd, rien ne part deux fois.</translation>
    </message>
    <message>
        <location filename="../ui/outbox_pane.py" line="48"/>
        <source>Everything</source>
        <translation>Tout</translation>
    </message>
    <message>
        <location filename="../ui/outbox_pane.py" line="48"/>
        <source>Waiting to go</source>
        <translation>En attente de départ</translation>
    </message>
    <message>
        <location filename="../ui/outbox_pane.py" line="48"/>
        <source>Needs you</source>
        <translation>À traiter</translation>
    </message>
    <message>
        <location filename="../ui/outbox_pane.py" line="48"/>
        <source>Sent</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <location filename="../models/outbox_table_model.py" line="102"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../models/outbox_table_model.py" line="103"/>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <location filename="../models/outbox_table_model.py" line="104"/>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <location filename="../models/outbox_table_model.py" line="105"/>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <location filename="../models/outbox_table_model.py" line="106"/>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <location filename="../models/outbox_table_model.py" line="107"/>
        <source>Note</source>
        <translation>Remarque</translation>
    </message>
    <message>
        <location filename="../ui/outbox_pane.py" line="71"/>
        <location filename="../ui/outbox_pane.py" line="127"/>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location filename="../ui/outbox_pane.py" line="72"/>
        <source>Edit…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <location filename="../ui/outbox_pane.py" line="73"/>
        <location filename="../ui/outbox_pane.py" line="162"/>
        <source>Cancel it</source>
        <translation>L’annuler</translation>
    </message>
    <message>
        <location filename="../models/outbox_table_model.py" line="43"/>
        <source>⏱ on {host}’s scheduler</source>
        <translation>⏱ programmé sur {host}</translation>
    </message>
    <message>
        <location filename="../models/outbox_table_model.py" line="44"/>
        <source>⏱ on the network’s scheduler</source>
        <translation>⏱ programmé sur le réseau</translation>
    </message>
    <message>
        <location filename="../models/outbox_table_model.py" line="46"/>
        <source>⟳ waiting to retry</source>
        <translation>⟳ nouvel essai prévu</translation>
    </message>
    <message>
        <location filename="../models/outbox_table_model.py" line="48"/>
        <source>⏱ scheduled in cmdesk</source>
        <translation>⏱ programmé dans cmdesk</translation>
    </message>
    <message>
        <location filename="../models/outbox_table_model.py" line="50"/>
        <source>✎ draft</source>
        <translation>✎ brouillon</translation>
    </message>
    <message>
        <location filename="../models/outbox_table_model.py" line="51"/>
        <source>⏱ scheduled</source>
        <translation>⏱ programmé</translation>
    </message>
    <message>
        <location filename="../models/outbox_table_model.py" line="52"/>
        <source>… sending</source>
        <translation>… envoi</translation>
    </message>
    <message>
        <location filename="../models/outbox_table_model.py" line="53"/>
        <source>✓ sent</source>
        <translation>✓ envoyé</translation>
    </message>
    <message>
        <location filename="../models/outbox_table_model.py" line="54"/>
        <source>✗ not sent</source>
        <translation>✗ non envoyé</translation>
    </message>
    <message>
        <location filename="../models/outbox_table_model.py" line="55"/>
        <source>? check it</source>
        <translation>? à vérifier</translation>
    </message>
    <message>
        <location filename="../models/outbox_table_model.py" line="56"/>
        <source>– cancelled</source>
        <translation>– annulé</translation>
    </message>
    <message>
        <location filename="../models/outbox_table_model.py" line="71"/>
        <source>Reply</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <location filename="../models/outbox_table_model.py" line="72"/>
        <source>Post</source>
        <translation>Publication</translation>
    </message>
    <message>
        <location filename="../models/outbox_table_model.py" line="73"/>
        <source>Favourite</source>
        <translation>Favori</translation>
    </message>
    <message>
        <location filename="../models/outbox_table_model.py" line="74"/>
        <source>Boost</source>
        <translation>Partage</translation>
    </message>
    <message>
        <location filename="../models/outbox_table_model.py" line="75"/>
        <source>Delete</source>
        <translation>Suppression</translation>
    </message>
    <message>
        <location filename="../models/outbox_table_model.py" line="76"/>
        <source>Mark read on the server</source>
        <translation>Marquer lu sur le serveur</translation>
    </message>
    <message>
        <location filename="../models/outbox_table_model.py" line="77"/>
        <source>Take back from the network’s scheduler</source>
        <translation>Retirer de la programmation du réseau</translation>
    </message>
    <message>
        <location filename="../ui/outbox_pane.py" line="69"/>
        <source>Nothing here.</source>
        <translation>Rien ici.</translation>
    </message>
    <message>
        <location filename="../ui/outbox_pane.py" line="127"/>
        <source>Send anyway</source>
        <translation>Envoyer quand même</translation>
    </message>
    <message>
        <location filename="../ui/outbox_pane.py" line="146"/>
        <source>Queued again: it goes out now.</source>
        <translation>Remis en file : départ immédiat.</translation>
    </message>
    <message>
        <location filename="../ui/outbox_pane.py" line="153"/>
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <location filename="../ui/outbox_pane.py" line="153"/>
        <source>Text:</source>
        <translation>Texte :</translation>
    </message>
    <message>
        <location filename="../ui/outbox_pane.py" line="155"/>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
    <message>
        <location filename="../ui/outbox_pane.py" line="162"/>
        <source>Do not send this? It stays listed as cancelled.</source>
        <translation>Ne pas envoyer ceci ? Il reste listé comme annulé.</translation>
    </message>
    <message>
        <location filename="../ui/outbox_pane.py" line="165"/>
        <source>Cancelled: it will not be sent.</source>
        <translation>Annulé : il ne sera pas envoyé.</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message numerus="yes">
        <location filename="../ui/main_window/pages.py" line="304"/>
        <source>Demo workspace loaded: %Ln message(s)</source>
        <translation>
            <numerusform>Espace de démonstration chargé : %Ln message</numerusform>
            <numerusform>Espace de démonstration chargé : %Ln messages</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/main_window/pages.py" line="313"/>
        <source>Remove the demo workspace</source>
        <translation>Retirer l’espace de démonstration</translation>
    </message>
    <message>
        <location filename="../ui/main_window/pages.py" line="314"/>
        <source>Remove the two demo clients and all their conversations? Your own sources are not touched.</source>
        <translation>Retirer les deux clients de démonstration et toutes leurs conversations ? Vos propres sources ne sont pas touchées.</translation>
    </message>
</context>
<context>
    <name>PersonCard</name>
    <message numerus="yes">
        <location filename="../ui/person_card.py" line="45"/>
        <source>%Ln message(s), since {since}</source>
        <translation>
            <numerusform>%Ln message, depuis le {since}</numerusform>
            <numerusform>%Ln messages, depuis le {since}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/person_card.py" line="61"/>
        <source>A note about them, kept across networks (e.g. “regular, orders on Fridays”)</source>
        <translation>Une note à son sujet, gardée d’un réseau à l’autre (p. ex. « habituée, commande le vendredi »)</translation>
    </message>
    <message>
        <location filename="../ui/person_card.py" line="70"/>
        <source>Their conversations:</source>
        <translation>Ses conversations :</translation>
    </message>
    <message>
        <location filename="../ui/person_card.py" line="72"/>
        <source>Note:</source>
        <translation>Note :</translation>
    </message>
</context>
<context>
    <name>PlainWords</name>
    <message>
        <location filename="../ui/plain_words.py" line="20"/>
        <source>“{name}” looks like a name, not an address: paste the address of the site or feed (https://…).</source>
        <translation>« {name} » ressemble à un nom, pas à une adresse : collez l’adresse du site ou du flux (https://…).</translation>
    </message>
    <message>
        <location filename="../ui/plain_words.py" line="27"/>
        <source>No server named {host} was found: check the address, or the connection.</source>
        <translation>Aucun serveur nommé {host} : vérifiez l’adresse, ou la connexion.</translation>
    </message>
    <message>
        <location filename="../ui/plain_words.py" line="33"/>
        <source>Nothing at this address on the server (it may have moved or been removed).</source>
        <translation>Rien à cette adresse sur le serveur (la page a peut-être été déplacée ou supprimée).</translation>
    </message>
    <message>
        <location filename="../ui/plain_words.py" line="39"/>
        <source>This address is neither a feed nor a page that offers one.</source>
        <translation>Cette adresse n’est ni un flux ni une page qui en propose un.</translation>
    </message>
    <message>
        <location filename="../ui/plain_words.py" line="45"/>
        <source>The server did not take the connection: it may be down; cmdesk tries again later.</source>
        <translation>Le serveur n’a pas accepté la connexion : il est peut-être arrêté ; cmdesk réessaiera plus tard.</translation>
    </message>
    <message>
        <location filename="../ui/plain_words.py" line="51"/>
        <source>The server took too long to answer; cmdesk tries again later.</source>
        <translation>Le serveur a mis trop de temps à répondre ; cmdesk réessaiera plus tard.</translation>
    </message>
    <message>
        <location filename="../ui/plain_words.py" line="57"/>
        <source>The server&apos;s identity could not be checked (its security certificate): nothing was sent.</source>
        <translation>L’identité du serveur n’a pas pu être vérifiée (son certificat de sécurité) : rien n’a été envoyé.</translation>
    </message>
    <message>
        <location filename="../ui/plain_words.py" line="63"/>
        <source>The server refused this address and password: check them (Gmail, Outlook and others want an app password).</source>
        <translation>Le serveur a refusé cette adresse et ce mot de passe : vérifiez-les (Gmail, Outlook et d’autres demandent un mot de passe d’application).</translation>
    </message>
    <message>
        <location filename="../ui/plain_words.py" line="71"/>
        <source>Sign in again: the server no longer accepts cmdesk&apos;s access. Everything is kept.</source>
        <translation>Reconnectez-vous : le serveur n’accepte plus l’accès de cmdesk. Tout est conservé.</translation>
    </message>
    <message>
        <location filename="../ui/plain_words.py" line="77"/>
        <source>The server asks to slow down: cmdesk waits and tries again.</source>
        <translation>Le serveur demande de ralentir : cmdesk attend et réessaie.</translation>
    </message>
    <message>
        <location filename="../ui/plain_words.py" line="83"/>
        <source>This source sends far more than a feed ever needs: cmdesk stopped reading it.</source>
        <translation>Cette source envoie bien plus qu’un flux n’en a jamais besoin : cmdesk a cessé de la lire.</translation>
    </message>
    <message>
        <location filename="../ui/plain_words.py" line="89"/>
        <source>The server had a problem of its own; cmdesk tries again later.</source>
        <translation>Le serveur a eu un problème de son côté ; cmdesk réessaiera plus tard.</translation>
    </message>
    <message>
        <location filename="../ui/plain_words.py" line="122"/>
        <source>Details: {details}</source>
        <translation>Détails : {details}</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../ui/preferences_dialog.py" line="34"/>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <location filename="../ui/preferences_dialog.py" line="40"/>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <location filename="../ui/preferences_dialog.py" line="46"/>
        <source>Follow the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <location filename="../ui/preferences_dialog.py" line="47"/>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <location filename="../ui/preferences_dialog.py" line="48"/>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <location filename="../ui/preferences_dialog.py" line="53"/>
        <source>The language and the appearance change the next time cmdesk starts.</source>
        <translation>La langue et l’apparence changent au prochain démarrage de cmdesk.</translation>
    </message>
    <message>
        <location filename="../ui/preferences_dialog.py" line="55"/>
        <source>Closing the window keeps cmdesk syncing in the system tray</source>
        <translation>Fermer la fenêtre laisse cmdesk synchroniser dans la zone de notification</translation>
    </message>
    <message>
        <location filename="../ui/preferences_dialog.py" line="59"/>
        <source>This desktop shows no system tray.</source>
        <translation>Ce bureau n’a pas de zone de notification.</translation>
    </message>
    <message>
        <location filename="../ui/preferences_dialog.py" line="60"/>
        <source>Keep syncing and sending when cmdesk is closed</source>
        <translation>Continuer à synchroniser et à envoyer quand cmdesk est fermé</translation>
    </message>
    <message>
        <location filename="../ui/preferences_dialog.py" line="63"/>
        <source>A light background agent, started with your session, syncs every source and sends what is due while the window is closed. Quit from the menu or the tray stops it until the next session.</source>
        <translation>Un agent léger en arrière-plan, lancé avec votre session, synchronise chaque source et envoie ce qui est dû pendant que la fenêtre est fermée. Quitter depuis le menu ou la zone de notification l’arrête jusqu’à la prochaine session.</translation>
    </message>
    <message>
        <location filename="../ui/preferences_dialog.py" line="69"/>
        <source>Direct messages</source>
        <translation>Messages privés</translation>
    </message>
    <message>
        <location filename="../ui/preferences_dialog.py" line="70"/>
        <source>Mentions</source>
        <translation>Mentions</translation>
    </message>
    <message>
        <location filename="../ui/preferences_dialog.py" line="71"/>
        <source>Comments</source>
        <translation>Commentaires</translation>
    </message>
    <message>
        <location filename="../ui/preferences_dialog.py" line="72"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../ui/preferences_dialog.py" line="73"/>
        <source>Monitoring (feeds and keywords)</source>
        <translation>Veille (flux et mots-clés)</translation>
    </message>
    <message>
        <location filename="../ui/preferences_dialog.py" line="86"/>
        <source>Language:</source>
        <translation>Langue :</translation>
    </message>
    <message>
        <location filename="../ui/preferences_dialog.py" line="87"/>
        <source>Appearance:</source>
        <translation>Apparence :</translation>
    </message>
    <message>
        <location filename="../ui/preferences_dialog.py" line="89"/>
        <source>In the background:</source>
        <translation>En arrière-plan :</translation>
    </message>
    <message>
        <location filename="../ui/preferences_dialog.py" line="90"/>
        <source>Window:</source>
        <translation>Fenêtre :</translation>
    </message>
    <message>
        <location filename="../ui/preferences_dialog.py" line="91"/>
        <source>Notify me of new:</source>
        <translation>Me notifier des nouveaux :</translation>
    </message>
    <message>
        <location filename="../ui/preferences_dialog.py" line="110"/>
        <source>The background agent now syncs and sends while cmdesk is closed.</source>
        <translation>L’agent d’arrière-plan synchronise et envoie désormais quand cmdesk est fermé.</translation>
    </message>
    <message>
        <location filename="../ui/preferences_dialog.py" line="113"/>
        <source>The background agent is removed.</source>
        <translation>L’agent d’arrière-plan est retiré.</translation>
    </message>
    <message>
        <location filename="../ui/preferences_dialog.py" line="115"/>
        <source>Background agent: {reason}</source>
        <translation>Agent d’arrière-plan : {reason}</translation>
    </message>
</context>
<context>
    <name>RedditSignInDialog</name>
    <message>
        <location filename="../ui/reddit_dialog.py" line="32"/>
        <source>Sign in to Reddit again</source>
        <translation>Se reconnecter à Reddit</translation>
    </message>
    <message>
        <location filename="../ui/reddit_dialog.py" line="32"/>
        <source>Add a Reddit account</source>
        <translation>Ajouter un compte Reddit</translation>
    </message>
    <message>
        <location filename="../ui/reddit_dialog.py" line="37"/>
        <source>In {apps}, “create another app…” of the type “installed app”.</source>
        <translation>Dans les {apps}, « create another app… » de type « installed app ».</translation>
    </message>
    <message>
        <location filename="../ui/reddit_dialog.py" line="38"/>
        <source>Reddit&apos;s app preferences</source>
        <translation>préférences d&apos;applications de Reddit</translation>
    </message>
    <message>
        <location filename="../ui/reddit_dialog.py" line="40"/>
        <source>Give it the redirect uri {uri}</source>
        <translation>Donnez-lui l&apos;URI de redirection {uri}</translation>
    </message>
    <message>
        <location filename="../ui/reddit_dialog.py" line="41"/>
        <source>Copy its client id (under its name) below. It is free; cmdesk reads your inbox and answers it.</source>
        <translation>Copiez son identifiant client (sous son nom) ci-dessous. C&apos;est gratuit ; cmdesk lit votre boîte de réception et y répond.</translation>
    </message>
    <message>
        <location filename="../ui/reddit_dialog.py" line="33"/>
        <source>The app&apos;s client id</source>
        <translation>L&apos;identifiant client de l&apos;application</translation>
    </message>
    <message>
        <location filename="../ui/reddit_dialog.py" line="34"/>
        <source>Client id:</source>
        <translation>Identifiant client :</translation>
    </message>
    <message>
        <location filename="../ui/reddit_dialog.py" line="35"/>
        <source>Sign in with Reddit</source>
        <translation>Se connecter avec Reddit</translation>
    </message>
    <message>
        <location filename="../ui/reddit_dialog.py" line="43"/>
        <source>Copy the app&apos;s client id first.</source>
        <translation>Copiez d&apos;abord l&apos;identifiant client de l&apos;application.</translation>
    </message>
</context>
<context>
    <name>Repair</name>
    <message>
        <location filename="../app/main.py" line="326"/>
        <source>Repairing… (a large database takes a few minutes)</source>
        <translation>Réparation… (quelques minutes pour une grande base)</translation>
    </message>
    <message>
        <location filename="../app/repair.py" line="36"/>
        <source>The search index was rebuilt from the messages; nothing was lost.</source>
        <translation>L’index de recherche a été reconstruit à partir des messages ; rien n’a été perdu.</translation>
    </message>
    <message>
        <location filename="../app/repair.py" line="39"/>
        <source>Restored the copy {copy}; the damaged file is kept as {aside}.</source>
        <translation>Copie {copy} restaurée ; le fichier endommagé est conservé sous {aside}.</translation>
    </message>
    <message>
        <location filename="../app/repair.py" line="44"/>
        <source>Salvaged {count} messages; the damaged file is kept as {aside}.</source>
        <translation>{count} messages sauvés ; le fichier endommagé est conservé sous {aside}.</translation>
    </message>
</context>
<context>
    <name>RepairChoices</name>
    <message>
        <location filename="../ui/repair_widgets.py" line="41"/>
        <source>Rebuild the search index</source>
        <translation>Reconstruire l’index de recherche</translation>
    </message>
    <message>
        <location filename="../ui/repair_widgets.py" line="45"/>
        <source>Restore the copy of {when}</source>
        <translation>Restaurer la copie du {when}</translation>
    </message>
    <message>
        <location filename="../ui/repair_widgets.py" line="49"/>
        <source>Salvage what is readable</source>
        <translation>Sauver ce qui est lisible</translation>
    </message>
</context>
<context>
    <name>RepairWindow</name>
    <message>
        <location filename="../ui/repair_widgets.py" line="61"/>
        <location filename="../ui/repair_widgets.py" line="66"/>
        <source>cmdesk cannot open its database</source>
        <translation>cmdesk ne peut pas ouvrir sa base de données</translation>
    </message>
    <message>
        <location filename="../ui/repair_widgets.py" line="84"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location filename="../ui/repair_widgets.py" line="96"/>
        <source>Restoring the copy of {when} brings back everything up to then.</source>
        <translation>Restaurer la copie du {when} ramène tout jusqu’à ce moment-là.</translation>
    </message>
    <message>
        <location filename="../ui/repair_widgets.py" line="99"/>
        <source>Salvaging keeps every message that can still be read.</source>
        <translation>Sauver garde chaque message encore lisible.</translation>
    </message>
    <message>
        <location filename="../ui/repair_widgets.py" line="100"/>
        <source>Either way the damaged file is kept aside, never deleted.</source>
        <translation>Dans les deux cas, le fichier endommagé est mis de côté, jamais supprimé.</translation>
    </message>
</context>
<context>
    <name>Reply</name>
    <message>
        <location filename="../connectors/registry.py" line="93"/>
        <source>Dailymotion&apos;s API offers no comments: cmdesk shows the channel&apos;s videos with their views and likes; answer on Dailymotion itself (“Open the original” above).</source>
        <translation>L&apos;API de Dailymotion ne donne pas les commentaires : cmdesk montre les vidéos de la chaîne avec leurs vues et leurs « j&apos;aime » ; répondez sur Dailymotion même (« Ouvrir l&apos;original » ci-dessus).</translation>
    </message>
    <message>
        <location filename="../connectors/registry.py" line="109"/>
        <source>Read through its feed: this blog or forum cannot be answered from cmdesk. Answer on the site itself; a WordPress site can be signed in to instead (File → Add a WordPress site).</source>
        <translation>Lu par son flux : ce blog ou ce forum ne peut pas recevoir de réponse depuis cmdesk. Répondez sur le site lui-même ; un site WordPress peut être connecté à la place (Fichier → Ajouter un site WordPress).</translation>
    </message>
    <message>
        <location filename="../connectors/registry.py" line="353"/>
        <source>Replying from cmdesk to this network is not available yet.</source>
        <translation>Répondre depuis cmdesk sur ce réseau n’est pas encore possible.</translation>
    </message>
    <message>
        <location filename="../services/networks.py" line="28"/>
        <source>A demo conversation: your reply stays in cmdesk and is marked demo; nothing is sent anywhere.</source>
        <translation>Conversation de démonstration : votre réponse reste dans cmdesk, marquée démo ; rien n’est envoyé nulle part.</translation>
    </message>
</context>
<context>
    <name>Reporting</name>
    <message numerus="yes">
        <location filename="../ui/main_window/reporting.py" line="36"/>
        <source>{what}: %Ln conversation(s). Choose a view on the left to go back.</source>
        <translation>
            <numerusform>{what} : %Ln conversation. Choisissez une vue à gauche pour revenir.</numerusform>
            <numerusform>{what} : %Ln conversations. Choisissez une vue à gauche pour revenir.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/main_window/reporting.py" line="68"/>
        <source>The report of {client} could not be written in {folder}: {problem}</source>
        <translation>Le rapport de {client} n&apos;a pas pu être écrit dans {folder} : {problem}</translation>
    </message>
    <message>
        <location filename="../ui/main_window/reporting.py" line="73"/>
        <source>Report of {client} written: {file}</source>
        <translation>Rapport de {client} écrit : {file}</translation>
    </message>
</context>
<context>
    <name>ReportsPane</name>
    <message>
        <location filename="../ui/reports_pane.py" line="75"/>
        <source>This week</source>
        <translation>Cette semaine</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="76"/>
        <source>Last week</source>
        <translation>La semaine dernière</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="77"/>
        <source>This month</source>
        <translation>Ce mois-ci</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="78"/>
        <source>Last month</source>
        <translation>Le mois dernier</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="79"/>
        <source>Custom…</source>
        <translation>Personnalisée…</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="90"/>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="92"/>
        <source>PDF (printable, for management)…</source>
        <translation>PDF (à imprimer, pour la direction)…</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="93"/>
        <source>CSV (one row per conversation)…</source>
        <translation>CSV (une ligne par conversation)…</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="94"/>
        <source>HTML (one file to send)…</source>
        <translation>HTML (un seul fichier à envoyer)…</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="97"/>
        <source>Client:</source>
        <translation>Client :</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="99"/>
        <source>Period:</source>
        <translation>Période :</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="138"/>
        <source>For management</source>
        <translation>Pour la direction</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="139"/>
        <source>By teammate</source>
        <translation>Par membre de l&apos;équipe</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="140"/>
        <source>Most negative</source>
        <translation>Les plus négatives</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="141"/>
        <source>Longest unanswered</source>
        <translation>Sans réponse depuis le plus longtemps</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="142"/>
        <source>Busiest</source>
        <translation>Les plus actives</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="143"/>
        <source>Posts published</source>
        <translation>Publications</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="144"/>
        <source>Bad-buzz alerts</source>
        <translation>Alertes de bad buzz</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="202"/>
        <location filename="../ui/reports_pane.py" line="284"/>
        <source>All clients</source>
        <translation>Tous les clients</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="242"/>
        <source>Reading…</source>
        <translation>Lecture…</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="289"/>
        <source>Reading the conversations…</source>
        <translation>Lecture des conversations…</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="295"/>
        <source>Times in business hours ({zone})</source>
        <translation>Durées en heures ouvrées ({zone})</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="297"/>
        <source>Top terms</source>
        <translation>Termes les plus fréquents</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="297"/>
        <source>Top contacts</source>
        <translation>Contacts les plus actifs</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="330"/>
        <source>{who} — {conversations} conversations, {answered} answered, {waiting} waiting, median first response {median}</source>
        <translation>{who} — {conversations} conversations, {answered} répondues, {waiting} en attente, première réponse médiane {median}</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="333"/>
        <source>Nobody</source>
        <translation>Personne</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="352"/>
        <source>Nothing in this period.</source>
        <translation>Rien sur cette période.</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="367"/>
        <source>Messages received</source>
        <translation>Messages reçus</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="368"/>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="369"/>
        <source>Answered</source>
        <translation>Répondues</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="370"/>
        <source>Unanswered</source>
        <translation>Sans réponse</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="371"/>
        <source>Median first response</source>
        <translation>Première réponse (médiane)</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="372"/>
        <source>90th percentile</source>
        <translation>90e centile</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="373"/>
        <source>Within target</source>
        <translation>Dans l&apos;objectif</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="397"/>
        <source>Conversations of {first} – {last}</source>
        <translation>Conversations du {first} au {last}</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="402"/>
        <source>Conversations of {day} at {hour} h</source>
        <translation>Conversations du {day} à {hour} h</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="416"/>
        <source>Export the report</source>
        <translation>Exporter le rapport</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="439"/>
        <source>Writing {path}…</source>
        <translation>Écriture de {path}…</translation>
    </message>
    <message>
        <location filename="../ui/reports_pane.py" line="443"/>
        <source>Written: {path}</source>
        <translation>Écrit : {path}</translation>
    </message>
</context>
<context>
    <name>ResponseLine</name>
    <message numerus="yes">
        <location filename="../ui/response_line.py" line="70"/>
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln jour</numerusform>
            <numerusform>%Ln jours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Sentiment</name>
    <message>
        <location filename="../ui/style.py" line="84"/>
        <source>Negative</source>
        <translation>Négatif</translation>
    </message>
    <message>
        <location filename="../ui/style.py" line="85"/>
        <source>Neutral</source>
        <translation>Neutre</translation>
    </message>
    <message>
        <location filename="../ui/style.py" line="86"/>
        <source>Positive</source>
        <translation>Positif</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../ui/sidebar.py" line="80"/>
        <source>Views</source>
        <translation>Vues</translation>
    </message>
    <message>
        <location filename="../ui/sidebar.py" line="86"/>
        <source>Ctrl+{n}</source>
        <translation>Ctrl+{n}</translation>
    </message>
    <message>
        <location filename="../ui/sidebar.py" line="91"/>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <location filename="../ui/sidebar.py" line="92"/>
        <source>All clients</source>
        <translation>Tous les clients</translation>
    </message>
    <message>
        <location filename="../ui/sidebar.py" line="96"/>
        <source> (demo)</source>
        <translation> (démo)</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../ui/sign_in_dialog.py" line="53"/>
        <source>Stopped waiting for the browser.</source>
        <translation>Attente du navigateur arrêtée.</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_dialog.py" line="55"/>
        <source>Nobody signed in within 10 minutes; try again.</source>
        <translation>Personne ne s’est connecté en 10 minutes ; réessayez.</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_dialog.py" line="57"/>
        <source>Could not sign in: {reason}</source>
        <translation>Connexion impossible : {reason}</translation>
    </message>
</context>
<context>
    <name>SnippetButton</name>
    <message>
        <location filename="../ui/snippet_menu.py" line="45"/>
        <source>Snippets</source>
        <translation>Textes types</translation>
    </message>
    <message>
        <location filename="../ui/snippet_menu.py" line="75"/>
        <source>No snippets yet for this client</source>
        <translation>Pas encore de texte type pour ce client</translation>
    </message>
    <message>
        <location filename="../ui/snippet_menu.py" line="75"/>
        <source>Choose an account first</source>
        <translation>Choisissez d’abord un compte</translation>
    </message>
    <message>
        <location filename="../ui/snippet_menu.py" line="79"/>
        <source>Save the text as a snippet…</source>
        <translation>Enregistrer le texte comme texte type…</translation>
    </message>
    <message>
        <location filename="../ui/snippet_menu.py" line="137"/>
        <location filename="../ui/snippet_menu.py" line="142"/>
        <source>New snippet</source>
        <translation>Nouveau texte type</translation>
    </message>
    <message>
        <location filename="../ui/snippet_menu.py" line="137"/>
        <source>Title:</source>
        <translation>Titre :</translation>
    </message>
</context>
<context>
    <name>SourcesPane</name>
    <message>
        <location filename="../ui/sources_pane.py" line="56"/>
        <source>not synced yet</source>
        <translation>pas encore synchronisée</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="61"/>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="63"/>
        <source>syncing…</source>
        <translation>synchronisation…</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="66"/>
        <source>rate-limited until {time}</source>
        <translation>limitée par le serveur jusqu’à {time}</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="68"/>
        <source>retrying at {time}: {reason}</source>
        <translation>nouvel essai à {time} : {reason}</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="71"/>
        <source>needs attention: {reason}</source>
        <translation>à vérifier : {reason}</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="190"/>
        <source>Sources</source>
        <translation>Sources</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="195"/>
        <source>Each client (workspace) groups its sources. Select a row to act on it.</source>
        <translation>Chaque client (espace de travail) regroupe ses sources. Sélectionnez une ligne pour agir dessus.</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="205"/>
        <source>Add a Mastodon account…</source>
        <translation>Ajouter un compte Mastodon…</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="213"/>
        <source>Add an e-mail account…</source>
        <translation>Ajouter un compte e-mail…</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="223"/>
        <source>Sign in again…</source>
        <translation>Se reconnecter…</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="224"/>
        <source>Monitors…</source>
        <translation>Veilles…</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="226"/>
        <source>Client settings…</source>
        <translation>Réglages du client…</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="214"/>
        <source>Add a client…</source>
        <translation>Ajouter un client…</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="60"/>
        <source>led by {laptop}: through the team</source>
        <translation>mené par {laptop} : via l&apos;équipe</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="87"/>
        <source>Estimated from the network&apos;s published prices: {used} spent of this client&apos;s {limit} for the month. Pulls pause at the cap until {day}; replies still go out.</source>
        <translation>Estimé d&apos;après les tarifs publiés du réseau : {used} dépensés sur les {limit} du mois pour ce client. La lecture s&apos;arrête au plafond jusqu&apos;au {day} ; les réponses partent toujours.</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="93"/>
        <source>{used} / {limit} this month</source>
        <translation>{used} / {limit} ce mois-ci</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="112"/>
        <source>quota {used} / {limit} today</source>
        <translation>quota {used} / {limit} aujourd’hui</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="117"/>
        <source>{shared}: {used} of {limit} units spent today; the count starts again at {time}.</source>
        <translation>{shared} : {used} unités sur {limit} dépensées aujourd’hui ; le compteur repart à zéro à {time}.</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="120"/>
        <source>This account&apos;s quota</source>
        <translation>Le quota de ce compte</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="129"/>
        <source>missing: {names}</source>
        <translation>manque : {names}</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="131"/>
        <source>The sign-in lacks these permissions: what needs them is refused. Use “Sign in again…” granting them.</source>
        <translation>La connexion n’a pas ces autorisations : ce qui en a besoin est refusé. Utilisez « Se reconnecter… » en les accordant.</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="140"/>
        <source>sign-in ends {day}</source>
        <translation>connexion jusqu’au {day}</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="142"/>
        <source>The network ends this sign-in on {day} (a Google app left “In testing” lasts 7 days): publish the app, or use “Sign in again…” then. Nothing stored is lost.</source>
        <translation>Le réseau met fin à cette connexion le {day} (une application Google laissée « En test » dure 7 jours) : publiez l’application, ou utilisez alors « Se reconnecter… ». Rien de ce qui est enregistré n’est perdu.</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="204"/>
        <source>Add a source (site, feed)…</source>
        <translation>Ajouter une source (site, flux)…</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="206"/>
        <source>Add a YouTube channel…</source>
        <translation>Ajouter une chaîne YouTube…</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="207"/>
        <source>Add a Facebook Page or Instagram…</source>
        <translation>Ajouter une Page Facebook ou un Instagram…</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="208"/>
        <source>Add a Bluesky account…</source>
        <translation>Ajouter un compte Bluesky…</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="209"/>
        <source>Add an X account…</source>
        <translation>Ajouter un compte X…</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="210"/>
        <source>Add a Reddit account…</source>
        <translation>Ajouter un compte Reddit…</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="211"/>
        <source>Add a WordPress site…</source>
        <translation>Ajouter un site WordPress…</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="212"/>
        <source>Add a Discourse forum…</source>
        <translation>Ajouter un forum Discourse…</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="218"/>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="225"/>
        <source>Rename…</source>
        <translation>Renommer…</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="227"/>
        <source>Remove…</source>
        <translation>Retirer…</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="228"/>
        <source>Sync now</source>
        <translation>Synchroniser</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="229"/>
        <source>Sync all</source>
        <translation>Tout synchroniser</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="258"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="258"/>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="258"/>
        <source>Health</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="258"/>
        <source>Last sync</source>
        <translation>Dernière synchro</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="258"/>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="262"/>
        <source> (demo)</source>
        <translation> (démo)</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="276"/>
        <source>demo</source>
        <translation>démo</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="354"/>
        <location filename="../ui/sources_pane.py" line="360"/>
        <source>Add a client</source>
        <translation>Ajouter un client</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="354"/>
        <source>Client name:</source>
        <translation>Nom du client :</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="395"/>
        <location filename="../ui/sources_pane.py" line="401"/>
        <source>Rename</source>
        <translation>Renommer</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="395"/>
        <source>New name:</source>
        <translation>Nouveau nom :</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="416"/>
        <source>Remove the client “{name}” with {sources} and {messages}?</source>
        <translation>Retirer le client « {name} » avec {sources} et {messages} ?</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="418"/>
        <source>Remove the source “{name}” with {messages}?</source>
        <translation>Retirer la source « {name} » avec {messages} ?</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/sources_pane.py" line="421"/>
        <source>%Ln source(s)</source>
        <translation>
            <numerusform>%Ln source</numerusform>
            <numerusform>%Ln sources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/sources_pane.py" line="422"/>
        <source>%Ln message(s)</source>
        <translation>
            <numerusform>%Ln message</numerusform>
            <numerusform>%Ln messages</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="424"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location filename="../ui/sources_pane.py" line="424"/>
        <source>This cannot be undone.</source>
        <translation>Cette action est définitive.</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../ui/style.py" line="62"/>
        <source>Open</source>
        <translation>Ouvert</translation>
    </message>
    <message>
        <location filename="../ui/style.py" line="63"/>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location filename="../ui/style.py" line="64"/>
        <source>Snoozed</source>
        <translation>Reporté</translation>
    </message>
    <message>
        <location filename="../ui/style.py" line="65"/>
        <source>Done</source>
        <translation>Traité</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../ui/main_window/sync_status.py" line="44"/>
        <source>Not sent: {reason}</source>
        <translation>Non envoyé : {reason}</translation>
    </message>
    <message>
        <location filename="../ui/main_window/sync_status.py" line="48"/>
        <source>Syncing all sources…</source>
        <translation>Synchronisation de toutes les sources…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/sync_status.py" line="59"/>
        <source>⟳ syncing {done} of {total}…</source>
        <translation>⟳ synchronisation {done} sur {total}…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/sync_status.py" line="156"/>
        <source>No sources yet</source>
        <translation>Aucune source pour l’instant</translation>
    </message>
    <message>
        <location filename="../ui/main_window/sync_status.py" line="156"/>
        <source>Demo workspace</source>
        <translation>Espace de démonstration</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/sync_status.py" line="158"/>
        <source>⚠ %Ln source(s) need attention</source>
        <translation>
            <numerusform>⚠ %Ln source à vérifier</numerusform>
            <numerusform>⚠ %Ln sources à vérifier</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/sync_status.py" line="161"/>
        <source>⟳ %Ln source(s) out of reach, trying again</source>
        <translation>
            <numerusform>⟳ %Ln source injoignable, nouvel essai bientôt</numerusform>
            <numerusform>⟳ %Ln sources injoignables, nouvel essai bientôt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/sync_status.py" line="164"/>
        <source>⚠ %Ln sign-in(s) end soon: Sources → Sign in again</source>
        <translation>
            <numerusform>⚠ %Ln connexion se termine bientôt : Sources → Se reconnecter</numerusform>
            <numerusform>⚠ %Ln connexions se terminent bientôt : Sources → Se reconnecter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/sync_status.py" line="173"/>
        <source>✓ %Ln source(s) up to date</source>
        <translation>
            <numerusform>✓ %Ln source à jour</numerusform>
            <numerusform>✓ %Ln sources à jour</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/main_window/sync_status.py" line="176"/>
        <source>● offline</source>
        <translation>● hors ligne</translation>
    </message>
    <message>
        <location filename="../ui/main_window/sync_status.py" line="176"/>
        <source>● online</source>
        <translation>● en ligne</translation>
    </message>
    <message>
        <location filename="../ui/main_window/sync_status.py" line="178"/>
        <source>Outbox: {n}</source>
        <translation>Boîte d’envoi : {n}</translation>
    </message>
    <message>
        <location filename="../ui/main_window/sync_status.py" line="181"/>
        <source>team database out of reach</source>
        <translation>base de l’équipe injoignable</translation>
    </message>
</context>
<context>
    <name>TeamJoinDialog</name>
    <message>
        <location filename="../ui/team_join_dialog.py" line="28"/>
        <source>Join a team</source>
        <translation>Rejoindre une équipe</translation>
    </message>
    <message>
        <location filename="../ui/team_join_dialog.py" line="32"/>
        <source>Share this inbox with teammates through a PostgreSQL database you all reach (a small hosted one, or one on the office computer). Each computer keeps its own copy and works offline; changes meet in the team database. The first computer to join brings its workspace; the others get the team&apos;s.</source>
        <translation>Partagez cette boîte de réception avec vos coéquipiers grâce à une base PostgreSQL que vous joignez tous (une petite base hébergée, ou celle de l&apos;ordinateur du bureau). Chaque ordinateur garde sa propre copie et travaille hors ligne ; les changements se retrouvent dans la base de l&apos;équipe. Le premier ordinateur qui rejoint apporte son espace de travail ; les autres reçoivent celui de l&apos;équipe.</translation>
    </message>
    <message>
        <location filename="../ui/team_join_dialog.py" line="45"/>
        <source>Your first name, as teammates will see it</source>
        <translation>Votre prénom, tel que vos coéquipiers le verront</translation>
    </message>
    <message>
        <location filename="../ui/team_join_dialog.py" line="46"/>
        <source>This computer&apos;s sources may be replaced by the team&apos;s</source>
        <translation>Les sources de cet ordinateur peuvent être remplacées par celles de l&apos;équipe</translation>
    </message>
    <message>
        <location filename="../ui/team_join_dialog.py" line="48"/>
        <source>Needed when this computer has sources the team lacks. A copy of its workspace is kept.</source>
        <translation>Nécessaire quand cet ordinateur a des sources que l&apos;équipe n&apos;a pas. Une copie de son espace de travail est conservée.</translation>
    </message>
    <message>
        <location filename="../ui/team_join_dialog.py" line="51"/>
        <source>Team database:</source>
        <translation>Base de l&apos;équipe :</translation>
    </message>
    <message>
        <location filename="../ui/team_join_dialog.py" line="52"/>
        <source>Password:</source>
        <translation>Mot de passe :</translation>
    </message>
    <message>
        <location filename="../ui/team_join_dialog.py" line="53"/>
        <source>This computer:</source>
        <translation>Cet ordinateur :</translation>
    </message>
    <message>
        <location filename="../ui/team_join_dialog.py" line="54"/>
        <source>Your name:</source>
        <translation>Votre nom :</translation>
    </message>
    <message>
        <location filename="../ui/team_join_dialog.py" line="60"/>
        <source>Join</source>
        <translation>Rejoindre</translation>
    </message>
    <message>
        <location filename="../ui/team_join_dialog.py" line="81"/>
        <source>Type the team database&apos;s password.</source>
        <translation>Saisissez le mot de passe de la base de l&apos;équipe.</translation>
    </message>
    <message>
        <location filename="../ui/team_join_dialog.py" line="82"/>
        <source>Give this computer a name (each computer of a team has its own).</source>
        <translation>Donnez un nom à cet ordinateur (chaque ordinateur d&apos;une équipe a le sien).</translation>
    </message>
    <message>
        <location filename="../ui/team_join_dialog.py" line="83"/>
        <source>Say who uses this computer: teammates assign conversations by name.</source>
        <translation>Indiquez qui utilise cet ordinateur : les coéquipiers s&apos;assignent les conversations par leur nom.</translation>
    </message>
</context>
<context>
    <name>TeamMembership</name>
    <message>
        <location filename="../ui/main_window/team_membership.py" line="35"/>
        <source>Joining the team at {server}…</source>
        <translation>Connexion à l&apos;équipe sur {server}…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/team_membership.py" line="40"/>
        <source>The team could not be joined.</source>
        <translation>Impossible de rejoindre l&apos;équipe.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/team_membership.py" line="43"/>
        <source>This computer&apos;s workspace is now the team&apos;s: teammates who join get it.</source>
        <translation>L&apos;espace de travail de cet ordinateur est désormais celui de l&apos;équipe : les coéquipiers qui la rejoignent le reçoivent.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/team_membership.py" line="45"/>
        <source>This computer now has the team&apos;s workspace.</source>
        <translation>Cet ordinateur a maintenant l&apos;espace de travail de l&apos;équipe.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/team_membership.py" line="47"/>
        <source>Joined the team</source>
        <translation>Équipe rejointe</translation>
    </message>
    <message>
        <location filename="../ui/main_window/team_membership.py" line="54"/>
        <source>Syncing with the team…</source>
        <translation>Synchronisation avec l&apos;équipe…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/team_membership.py" line="59"/>
        <source>Leave the team</source>
        <translation>Quitter l&apos;équipe</translation>
    </message>
    <message>
        <location filename="../ui/main_window/team_membership.py" line="61"/>
        <source>This computer keeps its copy of the workspace and works alone again; changes not yet sent to the team are sent first when it can be reached. Leave the team?</source>
        <translation>Cet ordinateur garde sa copie de l&apos;espace de travail et travaille de nouveau seul ; les changements pas encore envoyés à l&apos;équipe le sont d&apos;abord si sa base est joignable. Quitter l&apos;équipe ?</translation>
    </message>
    <message>
        <location filename="../ui/main_window/team_membership.py" line="70"/>
        <source>Could not leave the team: {why}</source>
        <translation>Impossible de quitter l&apos;équipe : {why}</translation>
    </message>
    <message>
        <location filename="../ui/main_window/team_membership.py" line="72"/>
        <source>Left the team</source>
        <translation>Équipe quittée</translation>
    </message>
    <message>
        <location filename="../ui/main_window/team_membership.py" line="72"/>
        <source>This computer works alone again.</source>
        <translation>Cet ordinateur travaille de nouveau seul.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/team_membership.py" line="79"/>
        <source>cmdesk starts again now.</source>
        <translation>cmdesk redémarre maintenant.</translation>
    </message>
</context>
<context>
    <name>TeamStrip</name>
    <message>
        <location filename="../ui/team_strip.py" line="29"/>
        <source>Join a team…</source>
        <translation>Rejoindre une équipe…</translation>
    </message>
    <message>
        <location filename="../ui/team_strip.py" line="30"/>
        <source>Sync with the team now</source>
        <translation>Synchroniser avec l&apos;équipe</translation>
    </message>
    <message>
        <location filename="../ui/team_strip.py" line="31"/>
        <source>Leave the team…</source>
        <translation>Quitter l&apos;équipe…</translation>
    </message>
    <message>
        <location filename="../ui/team_strip.py" line="51"/>
        <source>This computer works alone.</source>
        <translation>Cet ordinateur travaille seul.</translation>
    </message>
    <message>
        <location filename="../ui/team_strip.py" line="54"/>
        <source>Join a team to share this inbox with teammates: assign conversations, leave notes, see who is answering, never reply twice.</source>
        <translation>Rejoignez une équipe pour partager cette boîte de réception : assignez les conversations, laissez des notes, voyez qui répond, ne répondez jamais deux fois.</translation>
    </message>
    <message>
        <location filename="../ui/team_strip.py" line="62"/>
        <source>every change has reached the team</source>
        <translation>tous les changements ont atteint l&apos;équipe</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/team_strip.py" line="64"/>
        <source>%Ln change(s) waiting to reach the team</source>
        <translation>
            <numerusform>%Ln changement en attente d&apos;envoi à l&apos;équipe</numerusform>
            <numerusform>%Ln changements en attente d&apos;envoi à l&apos;équipe</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/team_strip.py" line="67"/>
        <source>out of reach: {why}</source>
        <translation>injoignable : {why}</translation>
    </message>
    <message>
        <location filename="../ui/team_strip.py" line="67"/>
        <source>team database reachable</source>
        <translation>base de l&apos;équipe joignable</translation>
    </message>
    <message>
        <location filename="../ui/team_strip.py" line="70"/>
        <source>{person} on {laptop}, in a team</source>
        <translation>{person} sur {laptop}, en équipe</translation>
    </message>
</context>
<context>
    <name>ThreadActions</name>
    <message>
        <location filename="../ui/main_window/thread.py" line="72"/>
        <source>Delete the post</source>
        <translation>Supprimer le message</translation>
    </message>
    <message>
        <location filename="../ui/main_window/thread.py" line="73"/>
        <source>Delete this post on the network? Replies to it stay; cmdesk keeps its text here.</source>
        <translation>Supprimer ce message sur le réseau ? Les réponses restent ; cmdesk en garde le texte ici.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/thread.py" line="79"/>
        <source>Mark this comment as spam on the site? It leaves the site&apos;s comments; cmdesk keeps it here.</source>
        <translation>Marquer ce commentaire comme indésirable sur le site ? Il quitte les commentaires du site ; cmdesk le garde ici.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/thread.py" line="81"/>
        <source>Send this comment to the site&apos;s trash? cmdesk keeps it here.</source>
        <translation>Mettre ce commentaire à la corbeille du site ? cmdesk le garde ici.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/thread.py" line="83"/>
        <source>Spam</source>
        <translation>Indésirable</translation>
    </message>
    <message>
        <location filename="../ui/main_window/thread.py" line="83"/>
        <source>Trash</source>
        <translation>Corbeille</translation>
    </message>
    <message>
        <location filename="../ui/main_window/thread.py" line="90"/>
        <source>Hide the comment</source>
        <translation>Masquer le commentaire</translation>
    </message>
    <message>
        <location filename="../ui/main_window/thread.py" line="91"/>
        <source>Hide this comment from the public on the network? cmdesk keeps it here.</source>
        <translation>Masquer ce commentaire au public sur le réseau ? cmdesk le garde ici.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/thread.py" line="96"/>
        <source>Also keep its author from commenting again</source>
        <translation>Empêcher aussi son auteur de commenter à nouveau</translation>
    </message>
    <message>
        <location filename="../ui/main_window/thread.py" line="147"/>
        <location filename="../ui/main_window/thread.py" line="159"/>
        <source>Save the attachment</source>
        <translation>Enregistrer la pièce jointe</translation>
    </message>
    <message>
        <location filename="../ui/main_window/thread.py" line="152"/>
        <source>Fetching {name} from the server…</source>
        <translation>Récupération de {name} sur le serveur…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/thread.py" line="160"/>
        <source>{name} was not saved: {reason}</source>
        <translation>{name} n’a pas été enregistré : {reason}</translation>
    </message>
    <message>
        <location filename="../ui/main_window/thread.py" line="163"/>
        <source>Saved {path}</source>
        <translation>Enregistré : {path}</translation>
    </message>
</context>
<context>
    <name>ThreadView</name>
    <message>
        <location filename="../ui/thread_view.py" line="79"/>
        <source>attachment</source>
        <translation>pièce jointe</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="83"/>
        <source>Save…</source>
        <translation>Enregistrer…</translation>
    </message>
    <message>
        <location filename="../ui/thread_links.py" line="27"/>
        <source>Your reply</source>
        <translation>Votre réponse</translation>
    </message>
    <message>
        <location filename="../ui/thread_links.py" line="28"/>
        <location filename="../ui/thread_view.py" line="366"/>
        <source>Favourite</source>
        <translation>Favori</translation>
    </message>
    <message>
        <location filename="../ui/thread_links.py" line="29"/>
        <location filename="../ui/thread_view.py" line="368"/>
        <source>Boost</source>
        <translation>Partager</translation>
    </message>
    <message>
        <location filename="../ui/thread_links.py" line="32"/>
        <source>sending…</source>
        <translation>envoi en cours…</translation>
    </message>
    <message>
        <location filename="../ui/thread_links.py" line="36"/>
        <source>waiting to send (next try {when}): {reason}</source>
        <translation>en attente d’envoi (prochain essai {when}) : {reason}</translation>
    </message>
    <message>
        <location filename="../ui/thread_links.py" line="40"/>
        <source>queued, sending as soon as possible</source>
        <translation>en file, envoi dès que possible</translation>
    </message>
    <message>
        <location filename="../ui/thread_links.py" line="43"/>
        <source>not sure it was sent: {reason}</source>
        <translation>envoi incertain : {reason}</translation>
    </message>
    <message>
        <location filename="../ui/thread_links.py" line="45"/>
        <source>not sent: {reason}</source>
        <translation>non envoyé : {reason}</translation>
    </message>
    <message>
        <location filename="../ui/thread_links.py" line="49"/>
        <source>Send anyway</source>
        <translation>Envoyer quand même</translation>
    </message>
    <message>
        <location filename="../ui/thread_links.py" line="51"/>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location filename="../ui/thread_links.py" line="57"/>
        <location filename="../ui/thread_links.py" line="60"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../ui/thread_links.py" line="71"/>
        <source>Internal note</source>
        <translation>Note interne</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="169"/>
        <source>Open the original</source>
        <translation>Ouvrir l’original</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="181"/>
        <source>For management</source>
        <translation>Pour la direction</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="185"/>
        <source>Assigned to {name}</source>
        <translation>Attribuée à {name}</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="191"/>
        <source>Waiting for an answer: {names}</source>
        <translation>En attente de réponse : {names}</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/thread_view.py" line="204"/>
        <source>%Ln message(s) from them in this thread</source>
        <translation>
            <numerusform>%Ln message de sa part dans ce fil</numerusform>
            <numerusform>%Ln messages de sa part dans ce fil</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="206"/>
        <source>Every message in this thread is theirs</source>
        <translation>Tous les messages de ce fil sont de sa part</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="105"/>
        <location filename="../ui/thread_view.py" line="238"/>
        <source>image</source>
        <translation>image</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="107"/>
        <source>video</source>
        <translation>vidéo</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="109"/>
        <source>sound</source>
        <translation>son</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="110"/>
        <source>media</source>
        <translation>média</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="245"/>
        <source>Anonymous</source>
        <translation>Anonyme</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="255"/>
        <source>Not right? Click to correct it: cmdesk learns</source>
        <translation>Ce n’est pas ça ? Cliquez pour corriger : cmdesk apprend</translation>
    </message>
    <message>
        <location filename="../ui/response_line.py" line="34"/>
        <source>first answer after {time}</source>
        <translation>première réponse après {time}</translation>
    </message>
    <message>
        <location filename="../ui/response_line.py" line="37"/>
        <source>waiting for {time}</source>
        <translation>en attente depuis {time}</translation>
    </message>
    <message>
        <location filename="../ui/response_line.py" line="48"/>
        <source> (target {time})</source>
        <translation> (objectif {time})</translation>
    </message>
    <message>
        <location filename="../ui/response_line.py" line="50"/>
        <source> (target {time}, answer by {when})</source>
        <translation> (objectif {time}, réponse attendue avant {when})</translation>
    </message>
    <message>
        <location filename="../ui/response_line.py" line="54"/>
        <source> (target {time}, overdue since {when})</source>
        <translation> (objectif {time}, en retard depuis {when})</translation>
    </message>
    <message>
        <location filename="../ui/response_line.py" line="57"/>
        <source>in business hours</source>
        <translation>en heures ouvrées</translation>
    </message>
    <message>
        <location filename="../ui/response_line.py" line="88"/>
        <source>{left} left to answer in Messenger</source>
        <translation>Encore {left} pour répondre dans Messenger</translation>
    </message>
    <message>
        <location filename="../ui/response_line.py" line="92"/>
        <source> (then {more} more with the human agent tag)</source>
        <translation> (puis {more} de plus avec le tag « agent humain »)</translation>
    </message>
    <message>
        <location filename="../ui/response_line.py" line="97"/>
        <source>{left} left to answer, with the human agent tag (their last message is over 24 h old)</source>
        <translation>Encore {left} pour répondre, avec le tag « agent humain » (son dernier message a plus de 24 h)</translation>
    </message>
    <message>
        <location filename="../ui/response_line.py" line="100"/>
        <source>The network no longer lets you answer here: they last wrote {ago} ago. Answer by comment, or wait for them to write again.</source>
        <translation>Le réseau ne permet plus de répondre ici : son dernier message date de {ago}. Répondez en commentaire, ou attendez qu’il ou elle écrive à nouveau.</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="278"/>
        <source>edited {when}</source>
        <translation>modifié {when}</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="282"/>
        <source>via {source}</source>
        <translation>via {source}</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="284"/>
        <source>demo: not sent anywhere</source>
        <translation>démo : envoyé nulle part</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="294"/>
        <source>Deleted on the network {when}, or no longer visible to you; kept here as it was.</source>
        <translation>Supprimé sur le réseau {when}, ou plus visible pour vous ; conservé ici tel quel.</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="303"/>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="305"/>
        <source>Hide</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="336"/>
        <source>Open the {kind}</source>
        <translation>Ouvrir le média ({kind})</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="353"/>
        <source>Show images ({count})</source>
        <translation>Afficher les images ({count})</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="359"/>
        <source>Held for review: not public yet</source>
        <translation>En attente d&apos;examen : pas encore public</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="361"/>
        <source>Approve</source>
        <translation>Approuver</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="363"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="370"/>
        <source>Hide from the public</source>
        <translation>Masquer au public</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="372"/>
        <source>Spam</source>
        <translation>Indésirable</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="374"/>
        <source>Trash</source>
        <translation>Corbeille</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="404"/>
        <source>Select a conversation to read it here.</source>
        <translation>Sélectionnez une conversation pour la lire ici.</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="406"/>
        <location filename="../ui/thread_view.py" line="507"/>
        <source>Write a reply…</source>
        <translation>Écrire une réponse…</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="416"/>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="417"/>
        <source>Send the reply (Ctrl+Enter)</source>
        <translation>Envoyer la réponse (Ctrl+Entrée)</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="421"/>
        <source>In private</source>
        <translation>En privé</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="422"/>
        <source>Answer the latest comment in a private message to its author</source>
        <translation>Répondre au dernier commentaire par un message privé à son auteur</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="493"/>
        <source>Select a conversation to answer it.</source>
        <translation>Choisissez une conversation pour y répondre.</translation>
    </message>
    <message>
        <location filename="../ui/thread_view.py" line="507"/>
        <source>Replies are not possible here.</source>
        <translation>Impossible de répondre ici.</translation>
    </message>
</context>
<context>
    <name>TimeText</name>
    <message>
        <location filename="../models/time_text.py" line="56"/>
        <source>{n} min late</source>
        <translation>{n} min de retard</translation>
    </message>
    <message>
        <location filename="../models/time_text.py" line="58"/>
        <source>{n} h late</source>
        <translation>{n} h de retard</translation>
    </message>
    <message>
        <location filename="../models/time_text.py" line="59"/>
        <source>{n} d late</source>
        <translation>{n} j de retard</translation>
    </message>
</context>
<context>
    <name>Triage</name>
    <message>
        <location filename="../ui/main_window/triage.py" line="57"/>
        <source>{change} · {key} to undo</source>
        <translation>{change} · {key} pour annuler</translation>
    </message>
    <message>
        <location filename="../ui/main_window/triage.py" line="72"/>
        <source>&amp;Undo: {change}</source>
        <translation>&amp;Annuler : {change}</translation>
    </message>
    <message>
        <location filename="../ui/main_window/triage.py" line="72"/>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location filename="../ui/main_window/triage.py" line="93"/>
        <source>Undone: {change}</source>
        <translation>Annulé : {change}</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/triage.py" line="103"/>
        <source>%Ln conversation(s) marked done</source>
        <translation>
            <numerusform>%Ln conversation marquée comme traitée</numerusform>
            <numerusform>%Ln conversations marquées comme traitées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/triage.py" line="104"/>
        <source>%Ln conversation(s) reopened</source>
        <translation>
            <numerusform>%Ln conversation rouverte</numerusform>
            <numerusform>%Ln conversations rouvertes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/triage.py" line="105"/>
        <source>%Ln conversation(s) marked pending</source>
        <translation>
            <numerusform>%Ln conversation mise en attente</numerusform>
            <numerusform>%Ln conversations mises en attente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/triage.py" line="106"/>
        <source>%Ln conversation(s) snoozed</source>
        <translation>
            <numerusform>%Ln conversation reportée</numerusform>
            <numerusform>%Ln conversations reportées</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/main_window/triage.py" line="118"/>
        <source>Later today</source>
        <translation>Plus tard aujourd’hui</translation>
    </message>
    <message>
        <location filename="../ui/main_window/triage.py" line="119"/>
        <source>Tomorrow morning</source>
        <translation>Demain matin</translation>
    </message>
    <message>
        <location filename="../ui/main_window/triage.py" line="120"/>
        <source>Next week</source>
        <translation>La semaine prochaine</translation>
    </message>
    <message>
        <location filename="../ui/main_window/triage.py" line="125"/>
        <source>Pick a date and time…</source>
        <translation>Choisir une date et une heure…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/triage.py" line="130"/>
        <source>Snooze until</source>
        <translation>Reporter jusqu’à</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/triage.py" line="145"/>
        <source>%Ln snoozed conversation(s) are back</source>
        <translation>
            <numerusform>%Ln conversation reportée est de retour</numerusform>
            <numerusform>%Ln conversations reportées sont de retour</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/triage.py" line="156"/>
        <source>%Ln conversation(s) marked unread</source>
        <translation>
            <numerusform>%Ln conversation marquée comme non lue</numerusform>
            <numerusform>%Ln conversations marquées comme non lues</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/triage.py" line="158"/>
        <source>%Ln conversation(s) marked read</source>
        <translation>
            <numerusform>%Ln conversation marquée comme lue</numerusform>
            <numerusform>%Ln conversations marquées comme lues</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/main_window/triage.py" line="181"/>
        <source>New label…</source>
        <translation>Nouvelle étiquette…</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/triage.py" line="210"/>
        <source>%Ln conversation(s) flagged for management</source>
        <translation>
            <numerusform>%Ln conversation signalée à la direction</numerusform>
            <numerusform>%Ln conversations signalées à la direction</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/triage.py" line="212"/>
        <source>%Ln conversation(s) no longer flagged for management</source>
        <translation>
            <numerusform>%Ln conversation n&apos;est plus signalée à la direction</numerusform>
            <numerusform>%Ln conversations ne sont plus signalées à la direction</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/triage.py" line="220"/>
        <source>Sentiment set to “{sentiment}” on %Ln conversation(s); cmdesk learns from it</source>
        <translation>
            <numerusform>Sentiment « {sentiment} » sur %Ln conversation ; cmdesk en tient compte</numerusform>
            <numerusform>Sentiment « {sentiment} » sur %Ln conversations ; cmdesk en tient compte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/triage.py" line="228"/>
        <source>Label “{name}” put on %Ln conversation(s)</source>
        <translation>
            <numerusform>Étiquette « {name} » mise sur %Ln conversation</numerusform>
            <numerusform>Étiquette « {name} » mise sur %Ln conversations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/triage.py" line="230"/>
        <source>Label “{name}” taken off %Ln conversation(s)</source>
        <translation>
            <numerusform>Étiquette « {name} » retirée de %Ln conversation</numerusform>
            <numerusform>Étiquette « {name} » retirée de %Ln conversations</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/main_window/triage.py" line="268"/>
        <source>Select a conversation to answer it.</source>
        <translation>Choisissez une conversation pour y répondre.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/triage.py" line="269"/>
        <source>No reply here: {reason}</source>
        <translation>Pas de réponse possible ici : {reason}</translation>
    </message>
</context>
<context>
    <name>TypingGuard</name>
    <message>
        <location filename="../ui/typing_guard.py" line="126"/>
        <source>Typing here does nothing: click where you want to write.</source>
        <translation>Taper ici ne fait rien : cliquez là où vous voulez écrire.</translation>
    </message>
</context>
<context>
    <name>Views</name>
    <message>
        <location filename="../models/saved_views.py" line="60"/>
        <source>All open</source>
        <translation>À traiter</translation>
    </message>
    <message>
        <location filename="../models/saved_views.py" line="63"/>
        <source>To answer</source>
        <translation>À répondre</translation>
    </message>
    <message>
        <location filename="../models/saved_views.py" line="70"/>
        <source>Overdue</source>
        <translation>En retard</translation>
    </message>
    <message>
        <location filename="../models/saved_views.py" line="75"/>
        <source>To moderate</source>
        <translation>À modérer</translation>
    </message>
    <message>
        <location filename="../models/saved_views.py" line="79"/>
        <source>Mentions</source>
        <translation>Mentions</translation>
    </message>
    <message>
        <location filename="../models/saved_views.py" line="82"/>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <location filename="../models/saved_views.py" line="85"/>
        <source>Comments</source>
        <translation>Commentaires</translation>
    </message>
    <message>
        <location filename="../models/saved_views.py" line="87"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../models/saved_views.py" line="89"/>
        <source>Monitoring</source>
        <translation>Veille</translation>
    </message>
    <message>
        <location filename="../models/saved_views.py" line="93"/>
        <source>Negative</source>
        <translation>Négatif</translation>
    </message>
    <message>
        <location filename="../models/saved_views.py" line="96"/>
        <source>Snoozed</source>
        <translation>Reportés</translation>
    </message>
    <message>
        <location filename="../models/saved_views.py" line="97"/>
        <source>Done</source>
        <translation>Traités</translation>
    </message>
    <message>
        <location filename="../models/saved_views.py" line="102"/>
        <source>Mine</source>
        <translation>Les miennes</translation>
    </message>
    <message>
        <location filename="../models/saved_views.py" line="106"/>
        <source>Unassigned</source>
        <translation>Non attribuées</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../ui/welcome_page.py" line="15"/>
        <source>Welcome to cmdesk</source>
        <translation>Bienvenue dans cmdesk</translation>
    </message>
    <message>
        <location filename="../ui/welcome_page.py" line="22"/>
        <source>One calm inbox for everything said to and about your organisation: blog comments, forums, YouTube and Reddit, mentions, messages and e-mail. Read, triage and answer — even offline.</source>
        <translation>Une seule boîte de réception, calme, pour tout ce qui se dit à votre organisation et à son sujet : commentaires de blog, forums, YouTube et Reddit, mentions, messages et e-mails. Lisez, triez et répondez — même hors ligne.</translation>
    </message>
    <message>
        <location filename="../ui/welcome_page.py" line="29"/>
        <source>Add a source…</source>
        <translation>Ajouter une source…</translation>
    </message>
    <message>
        <location filename="../ui/welcome_page.py" line="30"/>
        <source>Paste the address of a blog, forum, YouTube channel or feed</source>
        <translation>Collez l’adresse d’un blog, d’un forum, d’une chaîne YouTube ou d’un flux</translation>
    </message>
    <message>
        <location filename="../ui/welcome_page.py" line="31"/>
        <source>Explore the demo workspace</source>
        <translation>Explorer l’espace de démonstration</translation>
    </message>
    <message>
        <location filename="../ui/welcome_page.py" line="32"/>
        <source>Two example clients with realistic conversations; removable in one click</source>
        <translation>Deux clients d’exemple avec des conversations réalistes ; se retire en un clic</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <location filename="../ui/main_window/actions.py" line="212"/>
        <source>Main</source>
        <translation>Principale</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="238"/>
        <source>Search everything synced  ( / )</source>
        <translation>Rechercher partout  ( / )</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="294"/>
        <source>Enter</source>
        <translation>Entrée</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="294"/>
        <source>Open the conversation (move to the thread)</source>
        <translation>Ouvrir la conversation (aller au fil)</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="295"/>
        <source>Esc</source>
        <translation>Échap</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="295"/>
        <source>Back to the list (from the thread, the reply box or the search)</source>
        <translation>Retour à la liste (depuis le fil, la réponse ou la recherche)</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="296"/>
        <source>Undo the last triage change</source>
        <translation>Annuler le dernier changement de tri</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="300"/>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="328"/>
        <source>About cmdesk</source>
        <translation>À propos de cmdesk</translation>
    </message>
    <message>
        <location filename="../ui/main_window/actions.py" line="330"/>
        <source>&lt;h3&gt;cmdesk {version}&lt;/h3&gt;&lt;p&gt;A community manager&apos;s desk: one calm, offline-first inbox for everything said to and about your organisation.&lt;/p&gt;&lt;p&gt;Data folder: {path}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;cmdesk {version}&lt;/h3&gt;&lt;p&gt;Le bureau du community manager : une boîte de réception calme, utilisable hors ligne, pour tout ce qui se dit à votre organisation et à son sujet.&lt;/p&gt;&lt;p&gt;Dossier des données : {path}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>WordPressSignInDialog</name>
    <message>
        <location filename="../ui/wordpress_dialog.py" line="40"/>
        <source>Sign in to WordPress again</source>
        <translation>Se reconnecter à WordPress</translation>
    </message>
    <message>
        <location filename="../ui/wordpress_dialog.py" line="40"/>
        <source>Add a WordPress site</source>
        <translation>Ajouter un site WordPress</translation>
    </message>
    <message>
        <location filename="../ui/wordpress_dialog.py" line="43"/>
        <source>Type your site&apos;s address and your login there.</source>
        <translation>Saisissez l&apos;adresse de votre site et votre identifiant sur ce site.</translation>
    </message>
    <message>
        <location filename="../ui/wordpress_dialog.py" line="45"/>
        <source>Press “Make a password”: WordPress opens in your browser; approve cmdesk and copy the application password it shows (or make one in your profile → Application Passwords).</source>
        <translation>Cliquez sur « Créer un mot de passe » : WordPress s&apos;ouvre dans votre navigateur ; approuvez cmdesk et copiez le mot de passe d&apos;application affiché (ou créez-en un dans votre profil → Mots de passe d&apos;application).</translation>
    </message>
    <message>
        <location filename="../ui/wordpress_dialog.py" line="48"/>
        <source>Paste it below and sign in.</source>
        <translation>Collez-le ci-dessous et connectez-vous.</translation>
    </message>
    <message>
        <location filename="../ui/wordpress_dialog.py" line="53"/>
        <source>Never your main password: an application password can be revoked alone. WordPress 5.6 or later, over https. If this client already reads the blog&apos;s feed, that source becomes the site&apos;s account.</source>
        <translation>Jamais votre mot de passe principal : un mot de passe d&apos;application se révoque seul. WordPress 5.6 ou plus récent, en https. Si ce client lit déjà le flux du blog, cette source devient le compte du site.</translation>
    </message>
    <message>
        <location filename="../ui/wordpress_dialog.py" line="62"/>
        <source>Your login or e-mail on the site</source>
        <translation>Votre identifiant ou e-mail sur le site</translation>
    </message>
    <message>
        <location filename="../ui/wordpress_dialog.py" line="66"/>
        <source>Make a password</source>
        <translation>Créer un mot de passe</translation>
    </message>
    <message>
        <location filename="../ui/wordpress_dialog.py" line="71"/>
        <source>Site:</source>
        <translation>Site :</translation>
    </message>
    <message>
        <location filename="../ui/wordpress_dialog.py" line="72"/>
        <source>Login:</source>
        <translation>Identifiant :</translation>
    </message>
    <message>
        <location filename="../ui/wordpress_dialog.py" line="73"/>
        <source>Application password:</source>
        <translation>Mot de passe d&apos;application :</translation>
    </message>
    <message>
        <location filename="../ui/wordpress_dialog.py" line="75"/>
        <source>Client:</source>
        <translation>Client :</translation>
    </message>
    <message>
        <location filename="../ui/wordpress_dialog.py" line="76"/>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <location filename="../ui/wordpress_dialog.py" line="95"/>
        <source>Type your site&apos;s address first.</source>
        <translation>Saisissez d&apos;abord l&apos;adresse de votre site.</translation>
    </message>
    <message>
        <location filename="../ui/wordpress_dialog.py" line="100"/>
        <source>Looking for the site…</source>
        <translation>Recherche du site…</translation>
    </message>
    <message>
        <location filename="../ui/wordpress_dialog.py" line="104"/>
        <source>{site} offers no authorization page: make the password in your profile there.</source>
        <translation>{site} ne propose pas de page d&apos;autorisation : créez le mot de passe dans votre profil sur ce site.</translation>
    </message>
    <message>
        <location filename="../ui/wordpress_dialog.py" line="109"/>
        <source>Approve cmdesk in the page that opened on “{site}”, then paste the password here.</source>
        <translation>Approuvez cmdesk dans la page ouverte sur « {site} », puis collez le mot de passe ici.</translation>
    </message>
    <message>
        <location filename="../ui/wordpress_dialog.py" line="118"/>
        <source>Type the site&apos;s address, your login and the application password first.</source>
        <translation>Saisissez d&apos;abord l&apos;adresse du site, votre identifiant et le mot de passe d&apos;application.</translation>
    </message>
    <message>
        <location filename="../ui/wordpress_dialog.py" line="123"/>
        <source>Signing in…</source>
        <translation>Connexion…</translation>
    </message>
</context>
<context>
    <name>XSignInDialog</name>
    <message>
        <location filename="../ui/x_dialog.py" line="33"/>
        <source>Sign in to X again</source>
        <translation>Se reconnecter à X</translation>
    </message>
    <message>
        <location filename="../ui/x_dialog.py" line="33"/>
        <source>Add an X account</source>
        <translation>Ajouter un compte X</translation>
    </message>
    <message>
        <location filename="../ui/x_dialog.py" line="62"/>
        <source>In {console}, create an app and buy a few credits (X charges each call).</source>
        <translation>Dans la {console}, créez une application et achetez quelques crédits (X facture chaque appel).</translation>
    </message>
    <message>
        <location filename="../ui/x_dialog.py" line="63"/>
        <source>X&apos;s developer console</source>
        <translation>console développeur de X</translation>
    </message>
    <message>
        <location filename="../ui/x_dialog.py" line="66"/>
        <source>In its “User authentication settings”: OAuth 2.0, type “Native App”, permissions “Read and write and Direct message”, callback URL {callback}</source>
        <translation>Dans ses « User authentication settings » : OAuth 2.0, type « Native App », permissions « Read and write and Direct message », URL de rappel {callback}</translation>
    </message>
    <message>
        <location filename="../ui/x_dialog.py" line="69"/>
        <source>Copy its OAuth 2.0 Client ID below.</source>
        <translation>Copiez son OAuth 2.0 Client ID ci-dessous.</translation>
    </message>
    <message>
        <location filename="../ui/x_dialog.py" line="34"/>
        <source>The app&apos;s OAuth 2.0 Client ID</source>
        <translation>L&apos;OAuth 2.0 Client ID de l&apos;application</translation>
    </message>
    <message>
        <location filename="../ui/x_dialog.py" line="43"/>
        <source>X bills your app per call: {mention} a mention read, {message} a direct message read, {reply} a reply ({link} with a link). Thirty mentions and ten messages a day cost about {month} a month. cmdesk counts it in Sources and pauses reading at this budget.</source>
        <translation>X facture votre application à l&apos;appel : {mention} par mention lue, {message} par message privé lu, {reply} par réponse ({link} avec un lien). Trente mentions et dix messages par jour coûtent environ {month} par mois. cmdesk le compte dans Sources et arrête la lecture à ce budget.</translation>
    </message>
    <message>
        <location filename="../ui/x_dialog.py" line="57"/>
        <source>OAuth 2.0 Client ID:</source>
        <translation>OAuth 2.0 Client ID :</translation>
    </message>
    <message>
        <location filename="../ui/x_dialog.py" line="58"/>
        <source>Monthly budget:</source>
        <translation>Budget mensuel :</translation>
    </message>
    <message>
        <location filename="../ui/x_dialog.py" line="60"/>
        <source>Sign in with X</source>
        <translation>Se connecter avec X</translation>
    </message>
    <message>
        <location filename="../ui/x_dialog.py" line="71"/>
        <source>Copy the app&apos;s OAuth 2.0 Client ID first.</source>
        <translation>Copiez d&apos;abord l&apos;OAuth 2.0 Client ID de l&apos;application.</translation>
    </message>
</context>
<context>
    <name>YouTubeSignInDialog</name>
    <message>
        <location filename="../ui/youtube_dialog.py" line="54"/>
        <source>Sign in to YouTube again</source>
        <translation>Se reconnecter à YouTube</translation>
    </message>
    <message>
        <location filename="../ui/youtube_dialog.py" line="54"/>
        <source>Add a YouTube channel</source>
        <translation>Ajouter une chaîne YouTube</translation>
    </message>
    <message>
        <location filename="../ui/youtube_dialog.py" line="58"/>
        <source>cmdesk reads, answers and moderates your channel&apos;s comments through your own Google project: nobody stands between you and your audience, and the project&apos;s free quota (10,000 units a day) is yours alone. Once per client:</source>
        <translation>cmdesk lit, répond et modère les commentaires de votre chaîne via votre propre projet Google : personne ne se place entre vous et votre public, et le quota gratuit du projet (10 000 unités par jour) n’est qu’à vous. Une fois par client :</translation>
    </message>
    <message>
        <location filename="../ui/youtube_dialog.py" line="69"/>
        <source>123456789012-….apps.googleusercontent.com</source>
        <translation>123456789012-….apps.googleusercontent.com</translation>
    </message>
    <message>
        <location filename="../ui/youtube_dialog.py" line="72"/>
        <source>GOCSPX-…</source>
        <translation>GOCSPX-…</translation>
    </message>
    <message>
        <location filename="../ui/youtube_dialog.py" line="73"/>
        <source>My app is published (“In production”)</source>
        <translation>Mon application est publiée (« En production »)</translation>
    </message>
    <message>
        <location filename="../ui/youtube_dialog.py" line="76"/>
        <source>Google signs cmdesk out after 7 days while the app is “In testing”; cmdesk warns you before. Publishing needs no review for your own use: Google then shows an “unverified app” page you can pass (Advanced → Go to …).</source>
        <translation>Tant que l’application est « En test », Google déconnecte cmdesk au bout de 7 jours ; cmdesk vous prévient avant. Publier ne demande aucun examen pour votre propre usage : Google affiche alors une page « application non validée » que vous pouvez passer (Paramètres avancés → Accéder à …).</translation>
    </message>
    <message>
        <location filename="../ui/youtube_dialog.py" line="84"/>
        <source>Client:</source>
        <translation>Client :</translation>
    </message>
    <message>
        <location filename="../ui/youtube_dialog.py" line="85"/>
        <source>OAuth client ID:</source>
        <translation>ID client OAuth :</translation>
    </message>
    <message>
        <location filename="../ui/youtube_dialog.py" line="86"/>
        <source>Client secret:</source>
        <translation>Code secret du client :</translation>
    </message>
    <message>
        <location filename="../ui/youtube_dialog.py" line="89"/>
        <source>Left “In testing”, Google signs cmdesk out after 7 days: cmdesk shows when, in Sources.</source>
        <translation>Laissée « En test », Google déconnecte cmdesk au bout de 7 jours : cmdesk indique quand, dans Sources.</translation>
    </message>
    <message>
        <location filename="../ui/youtube_dialog.py" line="94"/>
        <source>Sign in with Google</source>
        <translation>Se connecter avec Google</translation>
    </message>
    <message>
        <location filename="../ui/youtube_dialog.py" line="111"/>
        <source>In {console}, choose or create a project and enable “YouTube Data API v3”.</source>
        <translation>Dans {console}, choisissez ou créez un projet et activez « YouTube Data API v3 ».</translation>
    </message>
    <message>
        <location filename="../ui/youtube_dialog.py" line="112"/>
        <source>Google Cloud</source>
        <translation>Google Cloud</translation>
    </message>
    <message>
        <location filename="../ui/youtube_dialog.py" line="114"/>
        <source>Set up its {consent} (“External”) and add your Google account as a test user.</source>
        <translation>Configurez son {consent} (« Externe ») et ajoutez votre compte Google comme utilisateur test.</translation>
    </message>
    <message>
        <location filename="../ui/youtube_dialog.py" line="115"/>
        <source>consent screen</source>
        <translation>écran de consentement</translation>
    </message>
    <message>
        <location filename="../ui/youtube_dialog.py" line="118"/>
        <source>In {credentials}: Create credentials → OAuth client ID → “Desktop app”. Copy its ID and secret below.</source>
        <translation>Dans {credentials} : Créer des identifiants → ID client OAuth → « Application de bureau ». Copiez son ID et son code secret ci-dessous.</translation>
    </message>
    <message>
        <location filename="../ui/youtube_dialog.py" line="119"/>
        <source>Credentials</source>
        <translation>Identifiants</translation>
    </message>
    <message>
        <location filename="../ui/youtube_dialog.py" line="143"/>
        <source>Copy the OAuth client&apos;s ID (…apps.googleusercontent.com) and its secret first.</source>
        <translation>Copiez d’abord l’ID du client OAuth (…apps.googleusercontent.com) et son code secret.</translation>
    </message>
    <message>
        <location filename="../ui/youtube_dialog.py" line="153"/>
        <source>Waiting for the browser… Choose your channel&apos;s Google account and allow cmdesk, then come back.</source>
        <translation>En attente du navigateur… Choisissez le compte Google de votre chaîne, autorisez cmdesk, puis revenez.</translation>
    </message>
</context>
</TS>
