<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ic::connectors::wecom::ConnectionTest</name>
    <message numerus="yes">
        <location filename="../core/connectors/wecom/WeComConnectionTest.cpp" line="+187"/>
        <source>%n department(s) in the corp; the app secret cannot list them.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>The app sees %1 of %n department(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%n department(s) in the corp.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The app sees %n department(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%n staff member(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>At least %n staff member(s) (more pages follow).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>The app sees at least %n staff member(s) (first %1 departments read).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>The app sees %n staff member(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+27"/>
        <source>%n staff member(s) with customer contact.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>%n customer relation(s) on the first page.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%1 tag group(s), %n tag(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::connectors::wecom::TokenSealer</name>
    <message numerus="yes">
        <location filename="../core/connectors/wecom/TokenSealer.cpp" line="+180"/>
        <source>The access token to seal is empty or too long (%n byte(s)).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::connectors::wecom::WeCom</name>
    <message numerus="yes">
        <location filename="../core/connectors/wecom/WeComServiceType.cpp" line="+32"/>
        <source>must be the secret as WeCom shows it (43 characters; this value has %n character(s))</source>
        <translation>
            <numerusform>must be the secret as WeCom shows it (43 characters; this value has %n character)</numerusform>
            <numerusform>must be the secret as WeCom shows it (43 characters; this value has %n characters)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+108"/>
        <source>must be exactly 43 characters of A-Z, a-z and 0-9 (this value has %n character(s))</source>
        <translation>
            <numerusform>must be exactly 43 characters of A-Z, a-z and 0-9 (this value has %n character)</numerusform>
            <numerusform>must be exactly 43 characters of A-Z, a-z and 0-9 (this value has %n characters)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::connectors::wecom::WeComClient</name>
    <message numerus="yes">
        <location filename="../core/connectors/wecom/WeComClient.cpp" line="+135"/>
        <source>The console tries again in %n second(s). Check this machine&apos;s network and WeCom&apos;s service status if it keeps failing.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::connectors::wecom::WeComCrypto</name>
    <message numerus="yes">
        <location filename="../core/connectors/wecom/WeComCrypto.cpp" line="+149"/>
        <source>The EncodingAESKey must be exactly 43 letters and digits (this value has %n character(s)).</source>
        <translation>
            <numerusform>The EncodingAESKey must be exactly 43 letters and digits (this value has %n character).</numerusform>
            <numerusform>The EncodingAESKey must be exactly 43 letters and digits (this value has %n characters).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::net::CallLogWriter</name>
    <message numerus="yes">
        <location filename="../core/net/CallLogWriter.cpp" line="+146"/>
        <source>%n call log record(s) were dropped because the queue was full; the database does not keep up.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+57"/>
        <source>%n call log record(s) were dropped: %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::net::HttpClient</name>
    <message numerus="yes">
        <location filename="../core/net/HttpClient.cpp" line="+426"/>
        <source>Calls to this service are paused after repeated failures; the next try is in %n second(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+74"/>
        <source>The answer is not in the expected format (%n byte(s)).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::sync::RunLock</name>
    <message numerus="yes">
        <location filename="../core/sync/RunLock.cpp" line="+44"/>
        <source>Wait until it has finished. If that process has died, its lock is taken over once it has sent no heartbeat for %n second(s).</source>
        <translation>
            <numerusform>Wait until it has finished. If that process has died, its lock is taken over once it has sent no heartbeat for %n second.</numerusform>
            <numerusform>Wait until it has finished. If that process has died, its lock is taken over once it has sent no heartbeat for %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::sync::SyncRunner</name>
    <message numerus="yes">
        <location filename="../core/sync/SyncRunner.cpp" line="+374"/>
        <source>%n item(s) failed.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::ui::DataPage</name>
    <message numerus="yes">
        <location filename="../ui/pages/DataPage.cpp" line="+374"/>
        <source>%1: %n member(s) of staff</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>(the first %n are shown)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+46"/>
        <source>%n customer(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n customer(s) shown, more as you scroll</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>%n follow relation(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::ui::DepartmentTreeModel</name>
    <message numerus="yes">
        <location filename="../ui/models/DataModels.cpp" line="+221"/>
        <source>%n member(s) of staff directly in this department</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::ui::Format</name>
    <message numerus="yes">
        <location filename="../ui/Format.cpp" line="+15"/>
        <source>%n min ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n h ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n day(s) ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::ui::LogsPage</name>
    <message numerus="yes">
        <location filename="../ui/pages/LogsPage.cpp" line="+153"/>
        <source>%n row(s) exported.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+475"/>
        <source>%n row(s) shown; scroll down for more.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n row(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::ui::MainWindow</name>
    <message numerus="yes">
        <location filename="../ui/MainWindow.cpp" line="+239"/>
        <source>%n sync(s) running</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::ui::OverviewPage</name>
    <message numerus="yes">
        <location filename="../ui/pages/OverviewPage.cpp" line="+155"/>
        <source>%n service(s) configured.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n sync type(s) failing,</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n with warnings.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::ui::SettingsPage</name>
    <message numerus="yes">
        <location filename="../ui/pages/SettingsPage.cpp" line="+442"/>
        <source>Applied %n migration(s).</source>
        <translation>
            <numerusform>Applied %n migration.</numerusform>
            <numerusform>Applied %n migrations.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::ui::SyncPage</name>
    <message numerus="yes">
        <location filename="../ui/pages/SyncPage.cpp" line="+538"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
</context>
</TS>
