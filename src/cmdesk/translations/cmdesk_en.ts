<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AddSourceDialog</name>
    <message numerus="yes">
        <location filename="../ui/add_source_dialog.py" line="200"/>
        <source>Found the {network} channel “{title}”: %Ln video(s)</source>
        <translation>
            <numerusform>Found the {network} channel “{title}”: %Ln video</numerusform>
            <numerusform>Found the {network} channel “{title}”: %Ln videos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/add_source_dialog.py" line="203"/>
        <source>%Ln follower(s)</source>
        <translation>
            <numerusform>%Ln follower</numerusform>
            <numerusform>%Ln followers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AlertBar</name>
    <message numerus="yes">
        <location filename="../ui/alert_bar.py" line="18"/>
        <source>%Ln negative message(s) in 2 hours</source>
        <translation>
            <numerusform>%Ln negative message in 2 hours</numerusform>
            <numerusform>%Ln negative messages in 2 hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/alert_bar.py" line="20"/>
        <source>%Ln message(s) in 2 hours</source>
        <translation>
            <numerusform>%Ln message in 2 hours</numerusform>
            <numerusform>%Ln messages in 2 hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/alert_bar.py" line="67"/>
        <source> (and %Ln other alert(s))</source>
        <translation>
            <numerusform> (and %Ln other alert)</numerusform>
            <numerusform> (and %Ln other alerts)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ComposerPane</name>
    <message numerus="yes">
        <location filename="../ui/composer_pane.py" line="457"/>
        <source>Queued: it goes out now (%Ln account(s)).</source>
        <translation>
            <numerusform>Queued: it goes out now (%Ln account).</numerusform>
            <numerusform>Queued: it goes out now (%Ln accounts).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/composer_pane.py" line="460"/>
        <source>Scheduled for {when} (%Ln account(s)).</source>
        <translation>
            <numerusform>Scheduled for {when} (%Ln account).</numerusform>
            <numerusform>Scheduled for {when} (%Ln accounts).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CrisisDialog</name>
    <message numerus="yes">
        <location filename="../ui/crisis_dialog.py" line="138"/>
        <source>Answer the %Ln waiting conversation(s)</source>
        <translation>
            <numerusform>Answer the %Ln waiting conversation</numerusform>
            <numerusform>Answer the %Ln waiting conversations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/crisis_dialog.py" line="153"/>
        <source>%Ln reply(ies) queued in the Outbox</source>
        <translation>
            <numerusform>%Ln reply queued in the Outbox</numerusform>
            <numerusform>%Ln replies queued in the Outbox</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/crisis_dialog.py" line="155"/>
        <source>%Ln already answered</source>
        <translation>
            <numerusform>%Ln already answered</numerusform>
            <numerusform>%Ln already answered</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/crisis_dialog.py" line="143"/>
        <location filename="../ui/crisis_dialog.py" line="157"/>
        <source>%Ln to answer on the site itself</source>
        <translation>
            <numerusform>%Ln to answer on the site itself</numerusform>
            <numerusform>%Ln to answer on the site itself</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeskTray</name>
    <message numerus="yes">
        <location filename="../ui/tray.py" line="102"/>
        <source>cmdesk: %Ln new conversation(s)</source>
        <translation>
            <numerusform>cmdesk: %Ln new conversation</numerusform>
            <numerusform>cmdesk: %Ln new conversations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ManagementDialog</name>
    <message numerus="yes">
        <location filename="../ui/management_dialog.py" line="39"/>
        <source>%Ln conversation(s) selected</source>
        <translation>
            <numerusform>%Ln conversation selected</numerusform>
            <numerusform>%Ln conversations selected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageCounts</name>
    <message numerus="yes">
        <location filename="../ui/message_counts.py" line="23"/>
        <source>%Ln view(s)</source>
        <translation>
            <numerusform>%Ln view</numerusform>
            <numerusform>%Ln views</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/message_counts.py" line="25"/>
        <source>%Ln like(s)</source>
        <translation>
            <numerusform>%Ln like</numerusform>
            <numerusform>%Ln likes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/message_counts.py" line="27"/>
        <source>%Ln comment(s)</source>
        <translation>
            <numerusform>%Ln comment</numerusform>
            <numerusform>%Ln comments</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message numerus="yes">
        <location filename="../ui/main_window/pages.py" line="304"/>
        <source>Demo workspace loaded: %Ln message(s)</source>
        <translation>
            <numerusform>Demo workspace loaded: %Ln message</numerusform>
            <numerusform>Demo workspace loaded: %Ln messages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PersonCard</name>
    <message numerus="yes">
        <location filename="../ui/person_card.py" line="45"/>
        <source>%Ln message(s), since {since}</source>
        <translation>
            <numerusform>%Ln message, since {since}</numerusform>
            <numerusform>%Ln messages, since {since}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Reporting</name>
    <message numerus="yes">
        <location filename="../ui/main_window/reporting.py" line="36"/>
        <source>{what}: %Ln conversation(s). Choose a view on the left to go back.</source>
        <translation>
            <numerusform>{what}: %Ln conversation. Choose a view on the left to go back.</numerusform>
            <numerusform>{what}: %Ln conversations. Choose a view on the left to go back.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResponseLine</name>
    <message numerus="yes">
        <location filename="../ui/response_line.py" line="70"/>
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln day</numerusform>
            <numerusform>%Ln days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SourcesPane</name>
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
</context>
<context>
    <name>SyncStatus</name>
    <message numerus="yes">
        <location filename="../ui/main_window/sync_status.py" line="158"/>
        <source>⚠ %Ln source(s) need attention</source>
        <translation>
            <numerusform>⚠ %Ln source needs attention</numerusform>
            <numerusform>⚠ %Ln sources need attention</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/sync_status.py" line="161"/>
        <source>⟳ %Ln source(s) out of reach, trying again</source>
        <translation>
            <numerusform>⟳ %Ln source out of reach, trying again</numerusform>
            <numerusform>⟳ %Ln sources out of reach, trying again</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/sync_status.py" line="164"/>
        <source>⚠ %Ln sign-in(s) end soon: Sources → Sign in again</source>
        <translation>
            <numerusform>⚠ %Ln sign-in ends soon: Sources → Sign in again</numerusform>
            <numerusform>⚠ %Ln sign-ins end soon: Sources → Sign in again</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/sync_status.py" line="173"/>
        <source>✓ %Ln source(s) up to date</source>
        <translation>
            <numerusform>✓ %Ln source up to date</numerusform>
            <numerusform>✓ %Ln sources up to date</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamStrip</name>
    <message numerus="yes">
        <location filename="../ui/team_strip.py" line="64"/>
        <source>%Ln change(s) waiting to reach the team</source>
        <translation>
            <numerusform>%Ln change waiting to reach the team</numerusform>
            <numerusform>%Ln changes waiting to reach the team</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ThreadView</name>
    <message numerus="yes">
        <location filename="../ui/thread_view.py" line="204"/>
        <source>%Ln message(s) from them in this thread</source>
        <translation>
            <numerusform>%Ln message from them in this thread</numerusform>
            <numerusform>%Ln messages from them in this thread</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Triage</name>
    <message numerus="yes">
        <location filename="../ui/main_window/triage.py" line="103"/>
        <source>%Ln conversation(s) marked done</source>
        <translation>
            <numerusform>%Ln conversation marked done</numerusform>
            <numerusform>%Ln conversations marked done</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/triage.py" line="104"/>
        <source>%Ln conversation(s) reopened</source>
        <translation>
            <numerusform>%Ln conversation reopened</numerusform>
            <numerusform>%Ln conversations reopened</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/triage.py" line="105"/>
        <source>%Ln conversation(s) marked pending</source>
        <translation>
            <numerusform>%Ln conversation marked pending</numerusform>
            <numerusform>%Ln conversations marked pending</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/triage.py" line="106"/>
        <source>%Ln conversation(s) snoozed</source>
        <translation>
            <numerusform>%Ln conversation snoozed</numerusform>
            <numerusform>%Ln conversations snoozed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/triage.py" line="145"/>
        <source>%Ln snoozed conversation(s) are back</source>
        <translation>
            <numerusform>%Ln snoozed conversation is back</numerusform>
            <numerusform>%Ln snoozed conversations are back</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/triage.py" line="156"/>
        <source>%Ln conversation(s) marked unread</source>
        <translation>
            <numerusform>%Ln conversation marked unread</numerusform>
            <numerusform>%Ln conversations marked unread</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/triage.py" line="158"/>
        <source>%Ln conversation(s) marked read</source>
        <translation>
            <numerusform>%Ln conversation marked read</numerusform>
            <numerusform>%Ln conversations marked read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/triage.py" line="210"/>
        <source>%Ln conversation(s) flagged for management</source>
        <translation>
            <numerusform>%Ln conversation flagged for management</numerusform>
            <numerusform>%Ln conversations flagged for management</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/triage.py" line="212"/>
        <source>%Ln conversation(s) no longer flagged for management</source>
        <translation>
            <numerusform>%Ln conversation no longer flagged for management</numerusform>
            <numerusform>%Ln conversations no longer flagged for management</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/triage.py" line="220"/>
        <source>Sentiment set to “{sentiment}” on %Ln conversation(s); cmdesk learns from it</source>
        <translation>
            <numerusform>Sentiment set to “{sentiment}” on %Ln conversation; cmdesk learns from it</numerusform>
            <numerusform>Sentiment set to “{sentiment}” on %Ln conversations; cmdesk learns from it</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/triage.py" line="228"/>
        <source>Label “{name}” put on %Ln conversation(s)</source>
        <translation>
            <numerusform>Label “{name}” put on %Ln conversation</numerusform>
            <numerusform>Label “{name}” put on %Ln conversations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/triage.py" line="230"/>
        <source>Label “{name}” taken off %Ln conversation(s)</source>
        <translation>
            <numerusform>Label “{name}” taken off %Ln conversation</numerusform>
            <numerusform>Label “{name}” taken off %Ln conversations</numerusform>
        </translation>
    </message>
</context>
</TS>
