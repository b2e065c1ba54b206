<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ic::connectors::wecom::WeCom</name>
    <message numerus="yes">
        <location filename="../core/connectors/wecom/WeComServiceType.cpp" line="+29"/>
        <source>must be the secret as WeCom shows it (43 characters; this value has %n character(s))</source>
        <translation>
            <numerusform>must be the secret as WeCom shows it (43 characters; this value has %n character)</numerusform>
            <numerusform>must be the secret as WeCom shows it (43 characters; this value has %n characters)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+106"/>
        <source>must be exactly 43 characters of A-Z, a-z and 0-9 (this value has %n character(s))</source>
        <translation>
            <numerusform>must be exactly 43 characters of A-Z, a-z and 0-9 (this value has %n character)</numerusform>
            <numerusform>must be exactly 43 characters of A-Z, a-z and 0-9 (this value has %n characters)</numerusform>
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
</TS>
