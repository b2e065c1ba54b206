<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ic::connectors::wecom::ConnectionTest</name>
    <message numerus="yes">
        <location filename="../core/connectors/wecom/WeComConnectionTest.cpp" line="+187"/>
        <source>%n department(s) in the corp; the app secret cannot list them.</source>
        <translation>
            <numerusform>%n department in the corp; the app secret cannot list it.</numerusform>
            <numerusform>%n departments in the corp; the app secret cannot list them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>The app sees %1 of %n department(s).</source>
        <translation>
            <numerusform>The app sees %1 of %n department.</numerusform>
            <numerusform>The app sees %1 of %n departments.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%n department(s) in the corp.</source>
        <translation>
            <numerusform>%n department in the corp.</numerusform>
            <numerusform>%n departments in the corp.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The app sees %n department(s).</source>
        <translation>
            <numerusform>The app sees %n department.</numerusform>
            <numerusform>The app sees %n departments.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%n staff member(s).</source>
        <translation>
            <numerusform>%n staff member.</numerusform>
            <numerusform>%n staff members.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>At least %n staff member(s) (more pages follow).</source>
        <translation>
            <numerusform>At least %n staff member (more pages follow).</numerusform>
            <numerusform>At least %n staff members (more pages follow).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>The app sees at least %n staff member(s) (first %1 departments read).</source>
        <translation>
            <numerusform>The app sees at least %n staff member (first %1 departments read).</numerusform>
            <numerusform>The app sees at least %n staff members (first %1 departments read).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>The app sees %n staff member(s).</source>
        <translation>
            <numerusform>The app sees %n staff member.</numerusform>
            <numerusform>The app sees %n staff members.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+27"/>
        <source>%n staff member(s) with customer contact.</source>
        <translation>
            <numerusform>%n staff member with customer contact.</numerusform>
            <numerusform>%n staff members with customer contact.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>%n customer relation(s) on the first page.</source>
        <translation>
            <numerusform>%n customer relation on the first page.</numerusform>
            <numerusform>%n customer relations on the first page.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%1 tag group(s), %n tag(s).</source>
        <translation>
            <numerusform>%1 tag group(s), %n tag.</numerusform>
            <numerusform>%1 tag group(s), %n tags.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::connectors::wecom::TokenSealer</name>
    <message numerus="yes">
        <location filename="../core/connectors/wecom/TokenSealer.cpp" line="+180"/>
        <source>The access token to seal is empty or too long (%n byte(s)).</source>
        <translation>
            <numerusform>The access token to seal is empty or too long (%n byte).</numerusform>
            <numerusform>The access token to seal is empty or too long (%n bytes).</numerusform>
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
        <location filename="../core/connectors/wecom/WeComClient.cpp" line="+136"/>
        <source>The console tries again in %n second(s). Check this machine&apos;s network and WeCom&apos;s service status if it keeps failing.</source>
        <translation>
            <numerusform>The console tries again in %n second. Check this machine&apos;s network and WeCom&apos;s service status if it keeps failing.</numerusform>
            <numerusform>The console tries again in %n seconds. Check this machine&apos;s network and WeCom&apos;s service status if it keeps failing.</numerusform>
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
        <location filename="../core/net/CallLogWriter.cpp" line="+149"/>
        <source>%n call log record(s) were dropped because the queue was full; the database does not keep up.</source>
        <translation>
            <numerusform>%n call log record was dropped because the queue was full; the database does not keep up.</numerusform>
            <numerusform>%n call log records were dropped because the queue was full; the database does not keep up.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+62"/>
        <source>%n call log record(s) were dropped: %1</source>
        <translation>
            <numerusform>%n call log record was dropped: %1</numerusform>
            <numerusform>%n call log records were dropped: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::net::HttpClient</name>
    <message numerus="yes">
        <location filename="../core/net/HttpClient.cpp" line="+459"/>
        <source>Calls to this service are paused after repeated failures; the next try is in %n second(s).</source>
        <translation>
            <numerusform>Calls to this service are paused after repeated failures; the next try is in %n second.</numerusform>
            <numerusform>Calls to this service are paused after repeated failures; the next try is in %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+87"/>
        <source>The answer is not in the expected format (%n byte(s)).</source>
        <translation>
            <numerusform>The answer is not in the expected format (%n byte).</numerusform>
            <numerusform>The answer is not in the expected format (%n bytes).</numerusform>
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
        <location filename="../core/sync/SyncRunner.cpp" line="+379"/>
        <source>%n item(s) failed.</source>
        <translation>
            <numerusform>%n item failed.</numerusform>
            <numerusform>%n items failed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::ui::DataPage</name>
    <message numerus="yes">
        <location filename="../ui/pages/DataPage.cpp" line="+377"/>
        <source>%1: %n member(s) of staff</source>
        <translation>
            <numerusform>%1: %n member of staff</numerusform>
            <numerusform>%1: %n members of staff</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>(the first %n are shown)</source>
        <translation>
            <numerusform>(the first %n is shown)</numerusform>
            <numerusform>(the first %n are shown)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+56"/>
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n customer</numerusform>
            <numerusform>%n customers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n customer(s) shown, more as you scroll</source>
        <translation>
            <numerusform>%n customer shown, more as you scroll</numerusform>
            <numerusform>%n customers shown, more as you scroll</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>%n follow relation(s)</source>
        <translation>
            <numerusform>%n follow relation</numerusform>
            <numerusform>%n follow relations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::ui::DepartmentTreeModel</name>
    <message numerus="yes">
        <location filename="../ui/models/DataModels.cpp" line="+221"/>
        <source>%n member(s) of staff directly in this department</source>
        <translation>
            <numerusform>%n member of staff directly in this department</numerusform>
            <numerusform>%n members of staff directly in this department</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::ui::Format</name>
    <message numerus="yes">
        <location filename="../ui/Format.cpp" line="+15"/>
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::ui::LogsPage</name>
    <message numerus="yes">
        <location filename="../ui/pages/LogsPage.cpp" line="+156"/>
        <source>%n row(s) exported.</source>
        <translation>
            <numerusform>%n row exported.</numerusform>
            <numerusform>%n rows exported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+477"/>
        <source>%n row(s) shown; scroll down for more.</source>
        <translation>
            <numerusform>%n row shown; scroll down for more.</numerusform>
            <numerusform>%n rows shown; scroll down for more.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n row(s).</source>
        <translation>
            <numerusform>%n row.</numerusform>
            <numerusform>%n rows.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::ui::MainWindow</name>
    <message numerus="yes">
        <location filename="../ui/MainWindow.cpp" line="+327"/>
        <source>%n sync(s) running</source>
        <translation>
            <numerusform>%n sync running</numerusform>
            <numerusform>%n syncs running</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::ui::OverviewPage</name>
    <message numerus="yes">
        <location filename="../ui/pages/OverviewPage.cpp" line="+155"/>
        <source>%n service(s) configured.</source>
        <translation>
            <numerusform>%n service configured.</numerusform>
            <numerusform>%n services configured.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n sync type(s) failing,</source>
        <translation>
            <numerusform>%n sync type failing,</numerusform>
            <numerusform>%n sync types failing,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n with warnings.</source>
        <translation>
            <numerusform>%n with warnings.</numerusform>
            <numerusform>%n with warnings.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::ui::SettingsPage</name>
    <message numerus="yes">
        <location filename="../ui/pages/SettingsPage.cpp" line="+448"/>
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
