<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QSQLiteResult</name>
    <message>
        <location filename="../core/db/SqliteNative.cpp" line="+154"/>
        <source>Unable to execute statement</source>
        <translation>无法执行语句</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>Unable to bind parameters</source>
        <translation>无法绑定参数</translation>
    </message>
</context>
<context>
    <name>ic::cli::Cli</name>
    <message>
        <location filename="../app/cli/Cli.cpp" line="+62"/>
        <source>Run a command without the window (implied by any command).</source>
        <translation>不打开窗口，直接运行命令（指定任何命令时均隐含此选项）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Integration database URL: sqlite:///path/file.db, postgresql://user@host:port/db or mysql://user@host:port/db. Default: $IC_DB_URL, else the embedded SQLite database in the user&apos;s data folder.</source>
        <translation>集成数据库 URL：sqlite:///path/file.db、postgresql://user@host:port/db 或 mysql://user@host:port/db。默认为 $IC_DB_URL，未设置时使用用户数据目录中的内置 SQLite 数据库。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../app/cli/SandboxCommands.cpp" line="+285"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tenant whose data to use (default: &quot;default&quot;).</source>
        <translation>要使用其数据的租户（默认：“default”）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../app/cli/RunCommands.cpp" line="+514"/>
        <location line="+203"/>
        <location line="+5"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print machine-readable JSON instead of text.</source>
        <translation>输出机器可读的 JSON，而非文本。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print only results and errors.</source>
        <translation>仅输出结果和错误。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print diagnostic messages to standard error.</source>
        <translation>将诊断信息输出到标准错误。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the program&apos;s version.</source>
        <translation>输出程序版本。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show help for a command.</source>
        <translation>显示命令的帮助。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Service type (see `service types`).</source>
        <translation>服务类型（参见 `service types`）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+362"/>
        <location line="+83"/>
        <location filename="../app/cli/RunCommands.cpp" line="-208"/>
        <location line="+189"/>
        <location filename="../app/cli/SyncCommands.cpp" line="+42"/>
        <source>TYPE</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="-444"/>
        <source>Name of the new service, e.g. wecom-main.</source>
        <translation>新服务的名称，例如 wecom-main。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+43"/>
        <location line="+37"/>
        <location line="+7"/>
        <location line="+7"/>
        <location line="+266"/>
        <location line="+83"/>
        <location filename="../app/cli/ConnectionTestCommands.cpp" line="+67"/>
        <location filename="../app/cli/RunCommands.cpp" line="-8"/>
        <location filename="../app/cli/SyncCommands.cpp" line="+466"/>
        <location line="+3"/>
        <source>NAME</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="-441"/>
        <source>Set a non-secret field; repeat for several. Secrets are set with `service set-secret`.</source>
        <translation>设置非密钥字段，可重复使用以设置多个字段。密钥请使用 `service set-secret` 设置。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>KEY=VALUE</source>
        <translation>键=值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the service disabled.</source>
        <translation>以禁用状态添加服务。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create or upgrade the integration database&apos;s schema.</source>
        <translation>创建或升级集成数据库的架构。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show the database, its schema version and the migrations applied.</source>
        <translation>显示数据库、其架构版本及已应用的迁移。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Store the password of the --db server database in the OS keychain (read from a hidden prompt or standard input).</source>
        <translation>将 --db 所指服务器数据库的密码保存到系统钥匙串（通过隐藏输入提示或标准输入读取）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>[TYPE]</source>
        <translation>[类型]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the service types and their fields, or describe one type.</source>
        <translation>列出服务类型及其字段，或查看某一类型的说明。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>List the configured services.</source>
        <translation>列出已配置的服务。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show one service&apos;s settings and which secrets are stored (never their values).</source>
        <translation>显示某个服务的设置及已保存的密钥（不显示密钥值）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--type TYPE --name NAME [--set KEY=VALUE]...</source>
        <translation>--type 类型 --name 名称 [--set 键=值]...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a service configuration.</source>
        <translation>添加服务配置。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>NAME KEY=VALUE...</source>
        <translation>名称 键=值...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change non-secret fields of a service; an empty VALUE clears an optional field.</source>
        <translation>修改服务的非密钥字段；值为空时清除可选字段。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>NAME FIELD</source>
        <translation>名称 字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store a secret field in the OS keychain, read from a hidden prompt or from standard input.</source>
        <translation>将密钥字段保存到系统钥匙串，通过隐藏输入提示或标准输入读取。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Enable a service.</source>
        <translation>启用服务。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Disable a service: it keeps its configuration but is not used.</source>
        <translation>禁用服务：保留其配置，但不再使用。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Remove a service configuration and its secrets (the audit log keeps its history).</source>
        <translation>删除服务配置及其密钥（审计日志会保留其历史记录）。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Usage: %1 [--no-gui] [global options] &lt;command&gt; [arguments]</source>
        <translation>用法：%1 [--no-gui] [全局选项] &lt;命令&gt; [参数]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Integration Console keeps the configurations of third-party services, with their secrets in the OS keychain, and their data in the integration database. Without a command it opens the window.</source>
        <translation>Integration Console 用于保存第三方服务的配置：密钥存放在系统钥匙串中，数据存放在集成数据库中。不指定命令时将打开窗口。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Commands:</source>
        <translation>命令：</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Exit codes: 0 success, 1 failure, 2 usage error, 3 partial success, 4 configuration or credential error, 5 another run holds the lock, 130 cancelled.</source>
        <translation>退出码：0 成功，1 失败，2 用法错误，3 部分成功，4 配置或凭据错误，5 另一个运行实例持有锁，130 已取消。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Secrets: stored in the OS keychain; on a server without one, set IC_SECRET_&lt;SERVICE&gt;_&lt;FIELD&gt; (upper case, other characters as &apos;_&apos;), e.g. IC_SECRET_WECOM_MAIN_CORP_SECRET. The database password is IC_SECRET_DATABASE_PASSWORD.</source>
        <translation>密钥：保存在系统钥匙串中；在没有钥匙串的服务器上，请设置 IC_SECRET_&lt;SERVICE&gt;_&lt;FIELD&gt;（全部大写，其他字符替换为“_”），例如 IC_SECRET_WECOM_MAIN_CORP_SECRET。数据库密码为 IC_SECRET_DATABASE_PASSWORD。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run `%1 &lt;command&gt; --help` for a command&apos;s arguments.</source>
        <translation>运行 `%1 &lt;command&gt; --help` 查看命令的参数。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Usage: %1 %2 %3 [options]</source>
        <translation>用法：%1 %2 %3 [选项]</translation>
    </message>
    <message>
        <location filename="../app/cli/Command.cpp" line="+53"/>
        <location filename="../app/cli/RunCommands.cpp" line="-237"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../app/cli/Cli.cpp" line="-121"/>
        <location filename="../app/cli/Command.cpp" line="+11"/>
        <location filename="../app/cli/RunCommands.cpp" line="-372"/>
        <source>Unexpected argument &quot;%1&quot;.</source>
        <translation>多余的参数“%1”。</translation>
    </message>
    <message>
        <location line="+134"/>
        <source>Both --type and --name are required.</source>
        <translation>必须同时指定 --type 和 --name。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unknown service type &quot;%1&quot;. Known types: %2.</source>
        <translation>未知的服务类型“%1”。已知类型：%2。</translation>
    </message>
    <message>
        <location line="-108"/>
        <source>Name a service and at least one KEY=VALUE.</source>
        <translation>请指定服务名称及至少一个“键=值”。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Too many arguments. The secret value is never taken from the command line: type it at the prompt or pipe it on standard input.</source>
        <translation>参数过多。密钥值不会从命令行读取：请在提示时输入，或通过标准输入传入。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name a service and a secret field.</source>
        <translation>请指定服务名称和密钥字段。</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>Name one service.</source>
        <translation>请指定一个服务名称。</translation>
    </message>
    <message>
        <location filename="../app/cli/Command.cpp" line="-40"/>
        <location line="+14"/>
        <location filename="../app/cli/SyncCommands.cpp" line="-174"/>
        <source>error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>  detail: %1</source>
        <translation>  详情：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  hint: %1</source>
        <translation>  提示：%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Run `%1 --help` for usage.</source>
        <translation>运行 `%1 --help` 查看用法。</translation>
    </message>
    <message>
        <location filename="../app/cli/Cli.cpp" line="+32"/>
        <source>Database %1 is up to date (schema version %2).</source>
        <translation>数据库 %1 已是最新（架构版本 %2）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Database %1 migrated from schema version %2 to %3.</source>
        <translation>数据库 %1 已从架构版本 %2 迁移到 %3。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Database:        %1</source>
        <translation>数据库：    %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schema version:  %1 (this program: %2)</source>
        <translation>架构版本：  %1（本程序：%2）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State:           newer than this program; install the newer version of Integration Console</source>
        <translation>状态：      高于本程序支持的版本；请安装较新版本的 Integration Console</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>State:           up to date</source>
        <translation>状态：      已是最新</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State:           needs `%1 db migrate`</source>
        <translation>状态：      需要运行 `%1 db migrate`</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>VERSION</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>MIGRATION</source>
        <translation>迁移</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>APPLIED</source>
        <translation>应用时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>BY VERSION</source>
        <translation>程序版本</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Name the server database with --db URL.</source>
        <translation>请使用 --db URL 指定服务器数据库。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For example: --db postgresql://ic@db.example.com:5432/integration</source>
        <translation>例如：--db postgresql://ic@db.example.com:5432/integration</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>SQLite databases have no password.</source>
        <translation>SQLite 数据库没有密码。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Password for %1</source>
        <translation>%1 的密码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No password was read (the two entries differ, or input ended).</source>
        <translation>未读取到密码（两次输入不一致，或输入已结束）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The password is empty.</source>
        <translation>密码为空。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Stored the password for %1 in the keychain.</source>
        <translation>已将 %1 的密码保存到钥匙串。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Unknown service type &quot;%1&quot;.</source>
        <translation>未知的服务类型“%1”。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Known types: %1.</source>
        <translation>已知类型：%1。</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+83"/>
        <source>CATEGORY</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="-83"/>
        <source>FIELDS</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Run `%1 service types TYPE` for a type&apos;s fields.</source>
        <translation>运行 `%1 service types TYPE` 查看某一类型的字段。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>default %1</source>
        <translation>默认值 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Secret fields are stored with `%1 service set-secret NAME FIELD`.</source>
        <translation>密钥字段使用 `%1 service set-secret NAME FIELD` 保存。</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>No services are configured for tenant &quot;%1&quot; in %2.</source>
        <translation>%2 中租户“%1”尚未配置任何服务。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add one with: %1 service add --type wecom --name wecom-main --set corp_id=CORP_ID</source>
        <translation>可使用以下命令添加：%1 service add --type wecom --name wecom-main --set corp_id=CORP_ID</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ENABLED</source>
        <translation>启用</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../app/cli/RunCommands.cpp" line="+352"/>
        <location line="+76"/>
        <location line="+109"/>
        <location line="+76"/>
        <source>STATUS</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>UPDATED</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+23"/>
        <location filename="../app/cli/RunCommands.cpp" line="-422"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="-23"/>
        <location line="+23"/>
        <location filename="../app/cli/RunCommands.cpp" line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Name:        %1</source>
        <translation>名称：      %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type:        %1 (%2)</source>
        <translation>类型：      %1（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category:    %1</source>
        <translation>类别：      %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enabled:     %1</source>
        <translation>启用：      %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status:      %1</source>
        <translation>状态：      %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description: %1</source>
        <translation>描述：      %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeout:     %1 ms</source>
        <translation>超时：      %1 毫秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority:    %1</source>
        <translation>优先级：    %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last test:   %1</source>
        <translation>上次测试：  %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated:     %1 by %2</source>
        <translation>更新：      %1（由 %2 更新）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FIELD</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+10"/>
        <source>VALUE</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CALL SETTING</source>
        <translation>调用设置</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(default)</source>
        <translation>（默认）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>SECRET</source>
        <translation>密钥</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>STATE</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>from environment variable %1</source>
        <translation>来自环境变量 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>stored in the keychain</source>
        <translation>已保存在钥匙串中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&quot;%1&quot; is not of the form KEY=VALUE.</source>
        <translation>“%1”不符合“键=值”格式。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Added service &quot;%1&quot; (%2).</source>
        <translation>已添加服务“%1”（%2）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Store its secrets with: %1 service set-secret %2 FIELD (fields: %3)</source>
        <translation>使用以下命令保存其密钥：%1 service set-secret %2 FIELD（字段：%3）</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>No changes: &quot;%1&quot; already has these values.</source>
        <translation>无变更：“%1”已是这些值。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Updated service &quot;%1&quot;.</source>
        <translation>已更新服务“%1”。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 for %2</source>
        <translation>%2 的 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No value was read (the two entries differ, or input ended).</source>
        <translation>未读取到值（两次输入不一致，或输入已结束）。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Stored %1 of &quot;%2&quot; in the keychain.</source>
        <translation>已将“%2”的 %1 保存到钥匙串。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>note: %1 is set in this environment and takes precedence over the keychain.</source>
        <translation>注意：当前环境中已设置 %1，其优先级高于钥匙串。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Service &quot;%1&quot; is enabled.</source>
        <translation>服务“%1”已启用。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Service &quot;%1&quot; is disabled.</source>
        <translation>服务“%1”已禁用。</translation>
    </message>
    <message>
        <location line="+24"/>
        <location filename="../app/cli/SyncCommands.cpp" line="-15"/>
        <source>warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Removed service &quot;%1&quot;.</source>
        <translation>已删除服务“%1”。</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>Unknown or missing subcommand for &quot;%1&quot;. Commands: %2.</source>
        <translation>“%1”的子命令未知或缺失。可用命令：%2。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unknown command &quot;%1&quot;.</source>
        <translation>未知命令“%1”。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>--tenant needs a non-empty ID.</source>
        <translation>--tenant 需要非空的 ID。</translation>
    </message>
    <message>
        <location filename="../app/cli/SandboxCommands.cpp" line="-258"/>
        <location filename="../app/cli/SyncCommands.cpp" line="+182"/>
        <source>Seed of the generated corp (default 1).</source>
        <translation>生成模拟企业所用的随机种子（默认为 1）。</translation>
    </message>
    <message>
        <location filename="../app/cli/RunCommands.cpp" line="+437"/>
        <location filename="../app/cli/SandboxCommands.cpp" line="+0"/>
        <location line="+2"/>
        <location line="+2"/>
        <location line="+2"/>
        <location line="+3"/>
        <location line="+225"/>
        <location line="+3"/>
        <location line="+13"/>
        <location line="+4"/>
        <location filename="../app/cli/SyncCommands.cpp" line="-442"/>
        <location line="+2"/>
        <location line="+432"/>
        <location line="+2"/>
        <location line="+2"/>
        <location line="+3"/>
        <location line="+2"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location filename="../app/cli/SandboxCommands.cpp" line="-252"/>
        <location filename="../app/cli/SyncCommands.cpp" line="-6"/>
        <source>Number of departments (default 12).</source>
        <translation>部门数量（默认为 12）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../app/cli/SyncCommands.cpp" line="-2"/>
        <source>Number of staff (default 60).</source>
        <translation>成员数量（默认为 60）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Number of external contacts (default 300).</source>
        <translation>外部联系人数量（默认为 300）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revision: rounds of changes applied (default 0).</source>
        <translation>修订版本：已应用的变更轮数（默认为 0）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <location filename="../app/cli/SyncCommands.cpp" line="-70"/>
        <source>--%1 must be a whole number from %2 to %3.</source>
        <translation>--%1 必须是 %2 至 %3 之间的整数。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Generated the sandbox corp (seed %1, revision %2) in %3 ms.</source>
        <translation>已生成沙箱模拟企业（种子 %1，修订版本 %2），用时 %3 毫秒。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>--fault &quot;%1&quot;: %2</source>
        <translation>--fault “%1”：%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--callback-url must be an http:// URL, e.g. http://127.0.0.1:8080/wecom/callback.</source>
        <translation>--callback-url 必须是 http:// URL，例如 http://127.0.0.1:8080/wecom/callback。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The sandbox could not listen on port %1.</source>
        <translation>沙箱无法监听端口 %1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose another port with --port, or 0 for any free port.</source>
        <translation>请使用 --port 指定其他端口，或指定 0 以使用任意空闲端口。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>WeCom sandbox serving at %1 (revision %2). These credentials are sandbox-only values.</source>
        <translation>企业微信沙箱正在 %1 提供服务（修订版本 %2）。以下凭据均为沙箱专用值。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Configure a service for it with:</source>
        <translation>可使用以下命令为其配置服务：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Control API: %1/sandbox/status. Stop with Ctrl+C.</source>
        <translation>控制 API：%1/sandbox/status。按 Ctrl+C 停止。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sandbox stopped (signal %1).</source>
        <translation>沙箱已停止（信号 %1）。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>--format must be jsonl or json.</source>
        <translation>--format 必须是 jsonl 或 json。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the folder exists and is writable.</source>
        <translation>请检查该目录是否存在且可写入。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wrote the ground truth of revision %1 to %2 (%3 bytes).</source>
        <translation>已将修订版本 %1 的基准数据写入 %2（%3 字节）。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Port on 127.0.0.1 (default 0: any free port).</source>
        <translation>在 127.0.0.1 上监听的端口（默认为 0：任意空闲端口）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delay every answer by N milliseconds.</source>
        <translation>将每个响应延迟 N 毫秒。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Access token lifetime in seconds (default 7200).</source>
        <translation>访问令牌（access_token）的有效期，单位为秒（默认为 7200）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../app/cli/SyncCommands.cpp" line="-354"/>
        <source>SECONDS</source>
        <translation>秒数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Inject a fault; repeatable. E.g. errcode=-1,rate=0.1 or errcode=45009,count=5,endpoint=externalcontact/batch/get_by_user, http=503, latency=200,jitter=50, malformed, truncated, drop, stall.</source>
        <translation>注入故障，可重复使用。例如 errcode=-1,rate=0.1 或 errcode=45009,count=5,endpoint=externalcontact/batch/get_by_user、http=503、latency=200,jitter=50、malformed、truncated、drop、stall。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SPEC</source>
        <translation>规格</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Calls per minute allowed per corp and API before 45009 (default 10000, as WeCom documents).</source>
        <translation>每个企业、每个接口每分钟允许的调用次数，超出后返回 45009（默认为 10000，与企业微信文档一致）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Calls in flight allowed per API before 45033 (default 0: unlimited).</source>
        <translation>每个接口允许同时进行的调用数，超出后返回 45033（默认为 0：不限制）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Send encrypted change callbacks to this URL when the revision advances.</source>
        <translation>修订版本推进时，向此 URL 发送加密的变更回调。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write to FILE instead of standard output.</source>
        <translation>写入指定的文件，而非标准输出。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../app/cli/SyncCommands.cpp" line="-19"/>
        <source>FILE</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>jsonl (one object per line, default) or json (one document).</source>
        <translation>jsonl（每行一个对象，默认）或 json（单个文档）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FORMAT</source>
        <translation>格式</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Serve a simulated WeCom corp on 127.0.0.1 until stopped, and print its credentials.</source>
        <translation>在 127.0.0.1 上运行企业微信模拟企业服务直至停止，并输出其凭据。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Write the ground truth of a simulated corp at a revision, without serving.</source>
        <translation>输出模拟企业在指定修订版本下的基准数据，不启动服务。</translation>
    </message>
    <message>
        <location filename="../app/cli/ConnectionTestCommands.cpp" line="-48"/>
        <source>Name the service to test.</source>
        <translation>请指定要测试的服务。</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Test a service configuration step by step: reach the server, get a token with each secret, and probe what the syncs need. Exit code 0 when every required step passes, 4 on a credential or configuration problem, 1 otherwise.</source>
        <translation>逐步测试服务配置：连接服务器、使用每个密钥获取访问令牌，并探测各项同步所需的条件。所有必需步骤均通过时退出码为 0，存在凭据或配置问题时为 4，其他情况为 1。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Also send a test text message to this WeCom user ID (repeatable).</source>
        <translation>同时向此企业微信成员 UserID 发送一条测试文本消息（可重复使用）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>USERID</source>
        <translation>UserID</translation>
    </message>
    <message>
        <location filename="../app/cli/RunCommands.cpp" line="-616"/>
        <source>Unknown status &quot;%1&quot;. Valid statuses: %2 (interrupted runs are failed).</source>
        <translation>未知状态“%1”。有效状态：%2（已中断的运行计为失败）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unknown sync type &quot;%1&quot;. Valid types: %2.</source>
        <translation>未知的同步类型“%1”。有效类型：%2。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--since takes an ISO 8601 date or time (2024-05-01, 2024-05-01T08:00) or a span back from now (30m, 24h, 7d, 2w), not &quot;%1&quot;.</source>
        <translation>--since 接受 ISO 8601 日期或时间（2024-05-01、2024-05-01T08:00），或从当前时间往前推算的时长（30m、24h、7d、2w），而不是“%1”。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--limit takes a number from 1 to %1.</source>
        <translation>--limit 接受 1 至 %1 之间的数字。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--after takes a run ID (a positive number).</source>
        <translation>--after 接受运行 ID（正整数）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--service needs a service name.</source>
        <translation>--service 需要服务名称。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Name the run ID to show (see `runs list`).</source>
        <translation>请指定要显示的运行 ID（参见 `runs list`）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;%1&quot; is not a run ID (a positive number).</source>
        <translation>“%1”不是运行 ID（正整数）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>pending</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../app/cli/SyncCommands.cpp" line="+201"/>
        <source>success</source>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../app/cli/SyncCommands.cpp" line="+2"/>
        <source>partial</source>
        <translation>部分成功</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../app/cli/SyncCommands.cpp" line="+2"/>
        <location line="+33"/>
        <location line="+8"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../app/cli/SyncCommands.cpp" line="-39"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../app/cli/SyncCommands.cpp" line="-104"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../app/cli/SyncCommands.cpp" line="+2"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 so far</source>
        <translation>已运行 %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 min ago</source>
        <translation>%1 分钟前</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 h ago</source>
        <translation>%1 小时前</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 d ago</source>
        <translation>%1 天前</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+214"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="-193"/>
        <source>fetched %1, created %2, updated %3, deleted %4, unchanged %5, failed %6</source>
        <translation>获取 %1，新增 %2，更新 %3，删除 %4，未变 %5，失败 %6</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>no heartbeat since %1 (host %2, pid %3)</source>
        <translation>自 %1 起无心跳（主机 %2，pid %3）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+345"/>
        <location line="+1"/>
        <location line="+1"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="-191"/>
        <source>No services are configured. Add one with `%1 service add`.</source>
        <translation>尚未配置任何服务。请使用 `%1 service add` 添加。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 (%2, disabled)</source>
        <translation>%1（%2，已禁用）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  never: no sync has run yet.</source>
        <translation>  从未：尚未运行过任何同步。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  TYPE</source>
        <translation>  类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>HEALTH</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>WHEN</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+77"/>
        <location line="+108"/>
        <source>DURATION</source>
        <translation>耗时</translation>
    </message>
    <message>
        <location line="-185"/>
        <location line="+77"/>
        <source>COUNTS</source>
        <translation>计数</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>LAST SUCCESS</source>
        <translation>上次成功</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>NOTE</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 (dry run)</source>
        <translation>%1（试运行）</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>No more sync runs.</source>
        <translation>没有更多同步运行。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No sync runs.</source>
        <translation>没有同步运行。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SERVICE</source>
        <translation>服务</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../app/cli/SyncCommands.cpp" line="-112"/>
        <source>MODE</source>
        <translation>模式</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../app/cli/SyncCommands.cpp" line="+30"/>
        <source>TRIGGER</source>
        <translation>触发方式</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>DRY RUN</source>
        <translation>试运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>STARTED</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ERROR</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>More runs follow: add --after %1 for the next page.</source>
        <translation>后面还有更多运行：添加 --after %1 查看下一页。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>There is no sync run %1.</source>
        <translation>不存在同步运行 %1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>`%1 runs list` shows the runs.</source>
        <translation>`%1 runs list` 会列出所有运行。</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Sync run %1: %2 sync of %3</source>
        <translation>同步运行 %1：%3 的 %2 同步</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mode:</source>
        <translation>模式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trigger:</source>
        <translation>触发方式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dry run:</source>
        <translation>试运行：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created:</source>
        <translation>创建时间：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started:</source>
        <translation>开始时间：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finished:</source>
        <translation>结束时间：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not finished</source>
        <translation>未结束</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration:</source>
        <translation>耗时：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last heartbeat:</source>
        <translation>上次心跳：</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+9"/>
        <location line="+1"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Counts:</source>
        <translation>计数：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Error:</source>
        <translation>错误：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Host:</source>
        <translation>主机：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Process ID:</source>
        <translation>进程 ID：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version:</source>
        <translation>版本：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correlation ID:</source>
        <translation>关联 ID：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checkpoint:</source>
        <translation>检查点：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>saved (a new run resumes it)</source>
        <translation>已保存（新的运行将从此处继续）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Steps: none recorded.</source>
        <translation>步骤：无记录。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Steps:</source>
        <translation>步骤：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  STEP</source>
        <translation>  步骤</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ENTITY</source>
        <translation>实体</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>FETCHED</source>
        <translation>获取</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CREATED</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DELETED</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>UNCHANGED</source>
        <translation>未变</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+37"/>
        <source>FAILED</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>UPDATED</source>
        <comment>rows updated</comment>
        <translation>已更新</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Errors: none recorded.</source>
        <translation>错误：无记录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Errors: %1 (the first %2 shown):</source>
        <translation>错误：共 %1 个（显示前 %2 个）：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Errors: %1</source>
        <translation>错误：共 %1 个</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  ENTITY</source>
        <translation>  实体</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>EXTERNAL ID</source>
        <translation>外部 ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ERRCODE</source>
        <translation>ERRCODE</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>MESSAGE</source>
        <translation>消息</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Calls made: none recorded under this run.</source>
        <translation>发起的调用：此运行下无记录。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Calls made: %1 (%2 failed)</source>
        <translation>发起的调用：%1 次（失败 %2 次）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  ENDPOINT</source>
        <translation>  接口</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>METHOD</source>
        <translation>方法</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CALLS</source>
        <translation>调用次数</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>[NAME]</source>
        <translation>[名称]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the last sync run of each sync type of one service or of all: status, when, duration, counts, error, last success and a health word: ok, warning (partial, failed items, or nothing fetched where the previous success fetched something), failing (failed, cancelled or interrupted), running, or never (no run, or only dry runs). Dry runs never count as a success. Exit code 0 whatever the health.</source>
        <translation>显示某个服务或所有服务每种同步类型的最近一次同步运行：状态、时间、耗时、计数、错误、上次成功时间及健康状况：正常、警告（部分成功、有失败条目，或上次成功的运行获取到了数据而本次未获取到任何数据）、失败（失败、已取消或已中断）、运行中或从未（没有运行，或只有试运行）。试运行从不计为成功。无论健康状况如何，退出码均为 0。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>[--service NAME] [--status S] [--type T] [--since T] [--limit N] [--after ID]</source>
        <translation>[--service 名称] [--status 状态] [--type 类型] [--since 时间] [--limit N] [--after ID]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List sync runs, newest first. COUNTS is the number fetched, then +created ~updated -deleted !failed (zeros left out). When more runs follow, the last line gives the --after ID of the next page.</source>
        <translation>列出同步运行，最新的在前。计数列依次为获取数，以及 +新增 ~更新 -删除 !失败（省略为零的项）。后面还有更多运行时，最后一行会给出下一页所用的 --after ID。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only the runs of this service.</source>
        <translation>仅显示此服务的运行。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only runs with this status: %1 (interrupted runs are failed).</source>
        <translation>仅显示此状态的运行：%1（已中断的运行计为失败）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Only runs of this sync type: %1.</source>
        <translation>仅显示此同步类型的运行：%1。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only runs created since this time: an ISO 8601 date or time (2024-05-01, 2024-05-01T08:00, local time unless a zone is given) or a span back from now (30m, 24h, 7d, 2w).</source>
        <translation>仅显示此时间之后创建的运行：ISO 8601 日期或时间（2024-05-01、2024-05-01T08:00，未指定时区时为本地时间），或从当前时间往前推算的时长（30m、24h、7d、2w）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TIME</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At most this many runs (1 to %1, default %2).</source>
        <translation>最多显示的运行数（1 至 %1，默认为 %2）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The next page: only runs older than this run ID.</source>
        <translation>下一页：仅显示早于此运行 ID 的运行。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Show one sync run: every field, its steps with their counts, its errors (the first %1 and the total) and the calls it made, failed ones and by endpoint, from the call log.</source>
        <translation>显示单个同步运行：所有字段、各步骤及其计数、错误（前 %1 个及总数），以及调用日志中该运行发起的调用（失败的调用及按接口的统计）。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="-37"/>
        <source>What to sync: department, user, customer or full (all of them, in dependency order).</source>
        <translation>要同步的内容：department、user、customer 或 full（全部，按依赖顺序）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>incremental (default): write only new and changed rows; full: rewrite every row (repairs drift).</source>
        <translation>incremental（默认）：仅写入新增和变更的行；full：重写每一行（可修复偏差）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fetch and compare, write nothing; report what a real run would create, update and delete.</source>
        <translation>获取并比较，不写入任何数据；报告实际运行将新增、更新和删除的内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write the row-level plan (created, updated, deleted keys per entity) to FILE as JSON.</source>
        <translation>将行级计划（每个实体新增、更新、删除的键）以 JSON 格式写入指定的文件。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Apply deletions even when they exceed the mass-deletion share.</source>
        <translation>即使删除量超过批量删除比例，也执行删除。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The largest share of an entity a run deletes without --allow-mass-delete, from 0 to 1 (default 0.2).</source>
        <translation>未指定 --allow-mass-delete 时，一次运行可删除的某一实体行数的最大比例，取值 0 至 1（默认为 0.2）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SHARE</source>
        <translation>比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows per write transaction (default 1000).</source>
        <translation>每个写入事务的行数（默认为 1000）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Requests in flight at once (default: the service&apos;s max_in_flight).</source>
        <translation>同时进行的请求数（默认：服务的 max_in_flight 设置）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start afresh even when the last run was interrupted.</source>
        <translation>即使上次运行被中断，也重新开始。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SQLite only: seconds without a heartbeat after which a dead run&apos;s lock is taken over (default 120). For tests that kill the process; every process on the database must use the same value.</source>
        <translation>仅限 SQLite：运行失去心跳多少秒后，其锁可被接管（默认 120）。用于会终止进程的测试；同一数据库上的所有进程必须使用相同的值。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Recorded as the run&apos;s trigger: cli (default) or schedule (for cron and service managers).</source>
        <translation>记录为运行的触发方式：cli（默认）或 schedule（用于 cron 和服务管理器）。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Say what to sync with --type %1.</source>
        <translation>请使用 --type %1 指定要同步的内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unknown sync type &quot;%1&quot;: use one of %2.</source>
        <translation>未知的同步类型“%1”：请使用 %2 之一。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--mode must be incremental or full.</source>
        <translation>--mode 必须是 incremental 或 full。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--mass-delete-share must be a number from 0 to 1 (0.2 = 20%).</source>
        <translation>--mass-delete-share 必须是 0 至 1 之间的数字（0.2 = 20%）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--batch-size must be a whole number from 1 to 100000.</source>
        <translation>--batch-size 必须是 1 至 100000 之间的整数。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--concurrency must be a whole number from 0 to 64 (0: the service&apos;s setting).</source>
        <translation>--concurrency 必须是 0 至 64 之间的整数（0：使用服务的设置）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--lock-stale-seconds must be a whole number from 0 to 86400 (0: the default).</source>
        <translation>--lock-stale-seconds 必须是 0 到 86400 之间的整数（0 表示默认值）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--trigger must be cli or schedule.</source>
        <translation>--trigger 必须是 cli 或 schedule。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Name the service to sync.</source>
        <translation>请指定要同步的服务。</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>%1%2: %3 pages, %4 rows, %5 rows/s</source>
        <translation>%1%2：%3 页，%4 行，%5 行/秒</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>, %1/%2 done</source>
        <translation>，已完成 %1/%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, ETA %1</source>
        <translation>，预计剩余 %1</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Dry run %1 of %2 (%3, %4): %5 in %6. Nothing was written.</source>
        <translation>%2 的试运行 %1（%3，%4）：%5，耗时 %6。未写入任何数据。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run %1 of %2 (%3, %4): %5 in %6.</source>
        <translation>%2 的运行 %1（%3，%4）：%5，耗时 %6。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Resumed run %1 from its last checkpoint.</source>
        <translation>已从上次检查点恢复运行 %1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run %1 had stopped without finishing; it is now recorded as interrupted.</source>
        <translation>运行 %1 未完成即已停止；现已记录为已中断。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+8"/>
        <source>  %1 %2 %3 %4 %5 %6 %7</source>
        <translation>  %1 %2 %3 %4 %5 %6 %7</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+8"/>
        <source>entity</source>
        <translation>实体</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+8"/>
        <source>fetched</source>
        <translation>获取</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>create</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>update</source>
        <translation>更新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+8"/>
        <source>unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>created</source>
        <translation>已新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>updated</source>
        <translation>已更新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>error: %1 %2 %3: %4</source>
        <translation>错误：%1 %2 %3：%4</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(errcode %1)</source>
        <translation>（errcode %1）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>... and %1 more errors: integration-console runs show %2</source>
        <translation>……另有 %1 个错误：integration-console runs show %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>hint: %1</source>
        <translation>提示：%1</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Cancelling: the run stops at its next safe point.</source>
        <translation>正在取消：运行将在下一个安全点停止。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>error: cannot write the plan to %1: %2</source>
        <translation>错误：无法将计划写入 %1：%2</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>--seed must be a whole number of 0 or more.</source>
        <translation>--seed 必须是大于或等于 0 的整数。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The sandbox could not start.</source>
        <translation>沙箱无法启动。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sandbox corp %1 (seed %2, revision %3: %4 departments, %5 staff, %6 contacts) serving at %7.</source>
        <translation>沙箱模拟企业 %1（种子 %2，修订版本 %3：%4 个部门，%5 名成员，%6 个外部联系人）正在 %7 提供服务。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Number of external contacts of the sandbox corp (default 300).</source>
        <translation>沙箱模拟企业的外部联系人数量（默认为 300）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Revision of the corp: rounds of changes applied (default 0).</source>
        <translation>模拟企业的修订版本：已应用的变更轮数（默认为 0）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Name of the service configured for the sandbox (default sandbox).</source>
        <translation>为沙箱配置的服务名称（默认为 sandbox）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sync a service into the integration database: departments, staff, customers and tags. Exit code 0 on success, 3 when partial, 4 on a credential or configuration problem, 5 when another run holds the lock, 130 when cancelled, 1 otherwise.</source>
        <translation>将服务同步到集成数据库：部门、成员、客户及标签。成功时退出码为 0，部分成功时为 3，存在凭据或配置问题时为 4，另一个运行持有锁时为 5，已取消时为 130，其他情况为 1。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Try the console without credentials: start a sandbox WeCom corp in this process, configure a service for it and run a full sync into the database.</source>
        <translation>无需凭据即可试用控制台：在本进程中启动企业微信沙箱模拟企业，为其配置服务，并向数据库运行一次全量同步。</translation>
    </message>
</context>
<context>
    <name>ic::cli::Terminal</name>
    <message>
        <location filename="../app/cli/Terminal.cpp" line="+85"/>
        <source>%1 (input is hidden): </source>
        <translation>%1（输入内容不会显示）：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Repeat to confirm: </source>
        <translation>再次输入以确认：</translation>
    </message>
</context>
<context>
    <name>ic::connectors::dingtalk::DingTalk</name>
    <message>
        <location filename="../core/connectors/dingtalk/DingTalkServiceType.cpp" line="+26"/>
        <source>DingTalk (钉钉)</source>
        <translation>钉钉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DingTalk organisation and messages.</source>
        <translation>钉钉组织架构与消息。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>AppKey</source>
        <translation>AppKey</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DingTalk developer console: Application Development (应用开发) &gt; your app &gt; Credentials (凭证与基础信息) &gt; AppKey.</source>
        <translation>钉钉开发者后台：应用开发 &gt; 您的应用 &gt; 凭证与基础信息 &gt; AppKey。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>must be 8 to 64 letters and digits</source>
        <translation>必须由 8 至 64 个字母和数字组成</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>AgentId</source>
        <translation>AgentId</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shown next to the AppKey in the developer console.</source>
        <translation>在开发者后台中显示在 AppKey 旁边。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>API base URL</source>
        <translation>API 基础地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave the default for DingTalk itself.</source>
        <translation>对接钉钉官方服务时保留默认值。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>AppSecret</source>
        <translation>AppSecret</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shown under the AppKey in the developer console.</source>
        <translation>在开发者后台中显示在 AppKey 下方。</translation>
    </message>
</context>
<context>
    <name>ic::connectors::wecom::ConnectionTest</name>
    <message>
        <location filename="../core/connectors/wecom/WeComConnectionTest.cpp" line="+94"/>
        <source>Reach the WeCom API server</source>
        <translation>连接企业微信 API 服务器</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+14"/>
        <source>Get a token with the %1</source>
        <translation>使用 %1 获取访问令牌</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>The server cannot be reached.</source>
        <translation>无法连接到服务器。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 answered (HTTP %2).</source>
        <translation>%1 已响应（HTTP %2）。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Not configured.</source>
        <translation>未配置。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>WeCom issued a token.</source>
        <translation>企业微信已颁发访问令牌。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Configured secrets</source>
        <translation>已配置的 Secret</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No secret is configured for this service.</source>
        <translation>此服务未配置任何 Secret。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store at least the app secret or the contacts sync secret with: integration-console service set-secret %1 corp_secret (or contacts_secret)</source>
        <translation>请至少保存应用 Secret 或通讯录同步 Secret，使用以下命令：integration-console service set-secret %1 corp_secret（或 contacts_secret）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>List departments</source>
        <translation>获取部门列表</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+90"/>
        <source>No app or contacts sync secret works.</source>
        <translation>应用 Secret 和通讯录同步 Secret 均不可用。</translation>
    </message>
    <message>
        <location line="-83"/>
        <source>No department is visible: a department sync would get nothing. Widen the app&apos;s visible range (应用管理 → the app → 可见范围).</source>
        <translation>没有可见的部门：部门同步将获取不到任何数据。请扩大应用的可见范围（应用管理 → 该应用 → 可见范围）。</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n department(s) in the corp; the app secret cannot list them.</source>
        <translation>
            <numerusform>企业共有 %n 个部门；应用 Secret 无法获取部门列表。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>The app sees %1 of %n department(s).</source>
        <translation>
            <numerusform>应用可见 %n 个部门中的 %1 个。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Messages and app-secret calls reach only those; widen the app&apos;s visible range if that is not intended.</source>
        <translation>消息及使用应用 Secret 的调用只能触达这些部门；如非预期，请扩大应用的可见范围。</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n department(s) in the corp.</source>
        <translation>
            <numerusform>企业共有 %n 个部门。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The app sees %n department(s).</source>
        <translation>
            <numerusform>应用可见 %n 个部门。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>List staff</source>
        <translation>获取成员列表</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The corp has no staff: a staff sync would get nothing.</source>
        <translation>企业没有任何成员：成员同步将获取不到任何数据。</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n staff member(s).</source>
        <translation>
            <numerusform>共 %n 名成员。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>At least %n staff member(s) (more pages follow).</source>
        <translation>
            <numerusform>至少 %n 名成员（后续还有更多分页）。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The app sees no staff: a staff sync with the app secret would get nothing.</source>
        <translation>应用看不到任何成员：使用应用 Secret 进行成员同步将获取不到任何数据。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The app sees at least %n staff member(s) (first %1 departments read).</source>
        <translation>
            <numerusform>应用至少可见 %n 名成员（已读取前 %1 个部门）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>The app sees %n staff member(s).</source>
        <translation>
            <numerusform>应用可见 %n 名成员。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>List staff with customer contact</source>
        <translation>获取配置了客户联系功能的成员列表</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+38"/>
        <source>No customer contact secret works.</source>
        <translation>没有可用于客户联系的 Secret。</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>No staff member has customer contact enabled: a customer sync would get nothing. Enable it under 客户联系 → 权限配置.</source>
        <translation>没有成员开通客户联系功能：客户同步将获取不到任何数据。请在“客户联系 → 权限配置”中开通。</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n staff member(s) with customer contact.</source>
        <translation>
            <numerusform>%n 名成员已开通客户联系功能。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Read one page of customers</source>
        <translation>读取一页客户</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No staff member with customer contact to read customers for.</source>
        <translation>没有开通客户联系功能的成员，无从读取客户。</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n customer relation(s) on the first page.</source>
        <translation>
            <numerusform>第一页共有 %n 条客户关系。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>List customer tags</source>
        <translation>获取客户标签</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%1 tag group(s), %n tag(s).</source>
        <translation>
            <numerusform>%1 个标签组，%n 个标签。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Send a test message</source>
        <translation>发送测试消息</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not requested.</source>
        <translation>未要求发送。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Messages need a working app secret.</source>
        <translation>发送消息需要可用的应用 Secret。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store the app&apos;s secret (应用管理 → the app → Secret) as corp_secret.</source>
        <translation>请将应用的 Secret（应用管理 → 该应用 → Secret）保存为 corp_secret。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Messages need the app&apos;s AgentId.</source>
        <translation>发送消息需要应用的 AgentId。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set agent_id (应用管理 → the app → AgentId).</source>
        <translation>请设置 agent_id（应用管理 → 该应用 → AgentId）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Integration Console connection test: messages from this app arrive.</source>
        <translation>Integration Console 连接测试：本应用的消息可以正常送达。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sent, but these user IDs were not reached: %1.</source>
        <translation>已发送，但以下 UserID 未能送达：%1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sent.</source>
        <translation>已发送。</translation>
    </message>
</context>
<context>
    <name>ic::connectors::wecom::TokenSealer</name>
    <message>
        <location filename="../core/connectors/wecom/TokenSealer.cpp" line="+163"/>
        <source>The access token could not be sealed for the database.</source>
        <translation>无法加密访问令牌以存入数据库。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>An access token cannot be sealed without its secret.</source>
        <translation>缺少对应的 Secret，无法加密访问令牌。</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>The access token to seal is empty or too long (%n byte(s)).</source>
        <translation>
            <numerusform>要加密的访问令牌为空或过长（%n 字节）。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An access token cannot be sealed without its expiry.</source>
        <translation>缺少过期时间，无法加密访问令牌。</translation>
    </message>
</context>
<context>
    <name>ic::connectors::wecom::WeCom</name>
    <message numerus="yes">
        <location filename="../core/connectors/wecom/WeComServiceType.cpp" line="+32"/>
        <source>must be the secret as WeCom shows it (43 characters; this value has %n character(s))</source>
        <translation>
            <numerusform>必须是企业微信中显示的 Secret（43 个字符；当前值为 %n 个字符）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>may contain only letters, digits, &apos;-&apos; and &apos;_&apos; (check for spaces copied along with it)</source>
        <translation>只能包含字母、数字、“-”和“_”（请检查是否连同空格一起复制了）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>WeCom (企业微信)</source>
        <translation>企业微信</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WeCom organisation, staff and external contacts (客户联系).</source>
        <translation>企业微信组织架构、成员及客户联系。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Corp ID</source>
        <translation>企业ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WeCom admin console: My Company (我的企业) &gt; Company Information (企业信息) &gt; Corp ID (企业ID), e.g. ww0123456789abcdef.</source>
        <translation>企业微信管理后台：我的企业 &gt; 企业信息 &gt; 企业ID，例如 ww0123456789abcdef。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>must be 18 characters starting with &quot;ww&quot; (or &quot;wx&quot; for older corps), e.g. ww0123456789abcdef</source>
        <translation>必须是以“ww”开头的 18 个字符（较早的企业以“wx”开头），例如 ww0123456789abcdef</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Agent ID</source>
        <translation>AgentId</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>App Management (应用管理) &gt; your self-built app &gt; AgentId. Needed to send messages.</source>
        <translation>应用管理 &gt; 您的自建应用 &gt; AgentId。发送消息时需要。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>API base URL</source>
        <translation>API 基础地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave the default for WeCom itself. Point it at a sandbox (http://127.0.0.1:PORT) for tests and training.</source>
        <translation>对接企业微信官方服务时保留默认值。测试和培训时可指向沙箱（http://127.0.0.1:PORT）。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>App secret</source>
        <translation>应用 Secret</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>App Management (应用管理) &gt; your self-built app &gt; Secret. Used for messages; the app only sees its visible range (可见范围).</source>
        <translation>应用管理 &gt; 您的自建应用 &gt; Secret。用于发送消息；应用只能访问其可见范围内的数据。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contacts sync secret</source>
        <translation>通讯录同步 Secret</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Management Tools (管理工具) &gt; Contacts Sync (通讯录同步) &gt; Secret. Reads the whole organisation.</source>
        <translation>管理工具 &gt; 通讯录同步 &gt; Secret。可读取整个组织架构。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customer contact secret</source>
        <translation>客户联系 Secret</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer Contact (客户联系) &gt; API (API) &gt; Secret, or the secret of a self-built app listed under 可调用接口的应用.</source>
        <translation>客户联系 &gt; API &gt; Secret，或“可调用接口的应用”中所列自建应用的 Secret。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Callback token</source>
        <translation>回调 Token</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The app&apos;s Receive Messages (接收消息) settings &gt; Token: up to 32 letters and digits.</source>
        <translation>应用的“接收消息”设置 &gt; Token：最多 32 个字母和数字。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>must be 1 to 32 letters and digits</source>
        <translation>必须由 1 至 32 个字母和数字组成</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>EncodingAESKey</source>
        <translation>EncodingAESKey</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The app&apos;s Receive Messages (接收消息) settings &gt; EncodingAESKey.</source>
        <translation>应用的“接收消息”设置 &gt; EncodingAESKey。</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>must be exactly 43 characters of A-Z, a-z and 0-9 (this value has %n character(s))</source>
        <translation>
            <numerusform>必须由 43 个 A-Z、a-z、0-9 字符组成（当前值为 %n 个字符）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::connectors::wecom::WeComClient</name>
    <message>
        <location filename="../core/connectors/wecom/WeComClient.cpp" line="+105"/>
        <source>WeCom saw this call come from %1.</source>
        <translation>企业微信记录的调用来源地址为 %1。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The call to %1 was cancelled.</source>
        <translation>对 %1 的调用已取消。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Calls to WeCom are paused after repeated failures.</source>
        <translation>多次失败后，已暂停调用企业微信（熔断）。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The console tries again in %n second(s). Check this machine&apos;s network and WeCom&apos;s service status if it keeps failing.</source>
        <translation>
            <numerusform>控制台将在 %n 秒后重试。如持续失败，请检查本机网络及企业微信的服务状态。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>WeCom (%1) did not answer in time.</source>
        <translation>企业微信（%1）未及时响应。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check this machine&apos;s network and proxy settings; on a slow link raise the service&apos;s timeout.</source>
        <translation>请检查本机的网络和代理设置；网络较慢时，请调大该服务的超时时间。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server name %1 cannot be resolved.</source>
        <translation>无法解析服务器名称 %1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the API base URL of the service, and this machine&apos;s DNS and proxy settings.</source>
        <translation>请检查该服务的 API 基础地址，以及本机的 DNS 和代理设置。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The connection to %1 failed.</source>
        <translation>连接 %1 失败。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that this machine may reach %1 (firewall, proxy) and that the API base URL is right.</source>
        <translation>请检查本机能否访问 %1（防火墙、代理），以及 API 基础地址是否正确。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The TLS certificate of %1 was not accepted.</source>
        <translation>%1 的 TLS 证书未被接受。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>If a proxy inspects TLS traffic here, give its CA certificate as the service&apos;s CA file. Certificate checks cannot be turned off.</source>
        <translation>如果此处有代理检查 TLS 流量，请将该代理的 CA 证书设置为服务的 CA 文件。证书校验无法关闭。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>WeCom&apos;s answer to %1 was not valid JSON.</source>
        <translation>企业微信对 %1 的响应不是有效的 JSON。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Usually a broken transfer or a proxy&apos;s error page; the console retried. Try again later.</source>
        <translation>通常是传输中断或代理返回了错误页面；控制台已重试。请稍后再试。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The request to %1 failed.</source>
        <translation>对 %1 的请求失败。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check this machine&apos;s network and proxy settings.</source>
        <translation>请检查本机的网络和代理设置。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WeCom answered %1 with HTTP status %2.</source>
        <translation>企业微信对 %1 返回了 HTTP 状态码 %2。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the API base URL of the service; a proxy in between may also answer like this.</source>
        <translation>请检查该服务的 API 基础地址；中间的代理也可能返回此类响应。</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>The %1 is not configured for this service.</source>
        <translation>此服务未配置 %1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store it with: integration-console service set-secret &lt;name&gt; %1</source>
        <translation>请使用以下命令保存：integration-console service set-secret &lt;name&gt; %1</translation>
    </message>
    <message>
        <location line="+123"/>
        <source>WeCom&apos;s answer to gettoken holds no usable token.</source>
        <translation>企业微信对 gettoken 的响应中没有可用的访问令牌。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Try again later; if it persists, check the API base URL.</source>
        <translation>请稍后重试；如问题持续，请检查 API 基础地址。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>No secret configured for this service may call %1.</source>
        <translation>此服务已配置的 Secret 均无权调用 %1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Configure the %1: %2</source>
        <translation>请配置 %1：%2</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The call to %1 ended without an answer.</source>
        <translation>对 %1 的调用结束时未收到响应。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>WeCom&apos;s answer to %1 repeated a page cursor; paging stopped.</source>
        <translation>企业微信对 %1 的响应中出现了重复的分页游标；已停止分页读取。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try again later; if it persists, check for a caching proxy in between.</source>
        <translation>请稍后重试；如问题持续，请检查中间是否有缓存代理。</translation>
    </message>
</context>
<context>
    <name>ic::connectors::wecom::WeComCrypto</name>
    <message>
        <location filename="../core/connectors/wecom/WeComCrypto.cpp" line="+94"/>
        <source>Check that the EncodingAESKey and the corp ID (or suite ID) match the WeCom app&apos;s callback settings.</source>
        <translation>请检查 EncodingAESKey 和企业ID（或 SuiteID）是否与企业微信应用的回调设置一致。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The callback&apos;s signature (msg_signature) does not match: the callback token is different or the message was altered.</source>
        <translation>回调签名（msg_signature）不匹配：回调 Token 不一致，或消息已被篡改。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check that the token matches the WeCom app&apos;s callback settings.</source>
        <translation>请检查 Token 是否与企业微信应用的回调设置一致。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The callback body is not well-formed XML.</source>
        <translation>回调请求体不是格式正确的 XML。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The callback body has no &lt;Encrypt&gt; element.</source>
        <translation>回调请求体中没有 &lt;Encrypt&gt; 元素。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The callback token is empty.</source>
        <translation>回调 Token 为空。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the Token from the WeCom app&apos;s Receive Messages (接收消息) settings.</source>
        <translation>请从企业微信应用的“接收消息”设置中复制 Token。</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>The EncodingAESKey must be exactly 43 letters and digits (this value has %n character(s)).</source>
        <translation>
            <numerusform>EncodingAESKey 必须由 43 个字母和数字组成（当前值为 %n 个字符）。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy the EncodingAESKey from the WeCom app&apos;s Receive Messages (接收消息) settings; check for spaces copied along with it.</source>
        <translation>请从企业微信应用的“接收消息”设置中复制 EncodingAESKey，并检查是否连同空格一起复制了。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The EncodingAESKey does not decode to a 32-byte AES key.</source>
        <translation>EncodingAESKey 解码后不是 32 字节的 AES 密钥。</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>The encrypted callback text is not valid base64.</source>
        <translation>回调密文不是有效的 base64 编码。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The encrypted callback text has the wrong length.</source>
        <translation>回调密文的长度不正确。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>OpenSSL could not decrypt the callback text.</source>
        <translation>OpenSSL 无法解密回调密文。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The decrypted callback text has invalid padding: the EncodingAESKey is different or the text was altered.</source>
        <translation>解密后的回调文本填充无效：EncodingAESKey 不一致，或文本已被篡改。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The decrypted callback text is too short to hold a message.</source>
        <translation>解密后的回调文本过短，无法包含消息。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The decrypted callback text&apos;s length field is larger than the text: the EncodingAESKey is different or the text was altered.</source>
        <translation>解密后的回调文本中的长度字段大于文本本身：EncodingAESKey 不一致，或文本已被篡改。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The callback is addressed to a different receive ID (corp ID or suite ID) than this configuration&apos;s.</source>
        <translation>该回调发往的接收方 ID（ReceiveId，即企业ID或 SuiteID）与此配置的不一致。</translation>
    </message>
</context>
<context>
    <name>ic::connectors::wecom::WeComErrors</name>
    <message>
        <location filename="../core/connectors/wecom/WeComErrors.cpp" line="+49"/>
        <source>Check the Corp ID in the service configuration. Where to find it: %1</source>
        <translation>请检查服务配置中的企业ID。获取位置：%1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the secret in the service configuration; it must belong to the corp of the Corp ID. %1 Corp ID: %2</source>
        <translation>请检查服务配置中的 Secret；它必须属于该企业ID所对应的企业。%1 企业ID：%2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Take the Agent ID and the App secret from the same self-built app. Agent ID: %1 App secret: %2</source>
        <translation>AgentId 和应用 Secret 必须取自同一个自建应用。AgentId：%1 应用 Secret：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A self-built app&apos;s secret works too once the app is listed under Customer Contact (客户联系) &gt; 可调用接口的应用.</source>
        <translation>将自建应用加入“客户联系 &gt; 可调用接口的应用”后，也可以使用该应用的 Secret。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The app may not call customer contact APIs yet: list it under Customer Contact (客户联系) &gt; 可调用接口的应用 in the admin console, or use the %1. Where to find it: %2</source>
        <translation>该应用尚无权调用客户联系接口：请在管理后台将其加入“客户联系 &gt; 可调用接口的应用”，或改用 %1。获取位置：%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Corps created after 1 December 2023 cannot call customer contact APIs with the Customer Contact (客户联系) system secret: list a self-built app under 客户联系 &gt; 可调用接口的应用 and enter that app&apos;s secret as the %1.</source>
        <translation>2023 年 12 月 1 日之后创建的企业无法使用客户联系的系统 Secret 调用客户联系接口：请将一个自建应用加入“客户联系 &gt; 可调用接口的应用”，并将该应用的 Secret 填写为 %1。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WeCom&apos;s documentation allows the %1 to call %2: check that the secret is current and the application&apos;s API permissions in the admin console. Where to find it: %3</source>
        <translation>根据企业微信文档，%1 可以调用 %2：请检查该 Secret 是否为最新，并在管理后台检查应用的接口权限。获取位置：%3</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Call this API with a secret that WeCom allows for it (see WeCom&apos;s documentation of the API), or give the application that permission in the admin console.</source>
        <translation>请使用企业微信允许调用此接口的 Secret（参见企业微信中该接口的文档），或在管理后台为应用授予该权限。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 needs the %2. Where to find it: %3</source>
        <translation>%1 需要使用 %2。获取位置：%3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The %1 may not call %2.</source>
        <translation>%1 无权调用 %2。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The %1 works too, within the app&apos;s visible range (可见范围).</source>
        <translation>也可以使用 %1，但仅限于应用的可见范围内。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>App Management (应用管理) &gt; the app &gt; Trusted IPs (企业可信IP), or for the Contacts sync secret Management Tools (管理工具) &gt; Contacts Sync (通讯录同步) &gt; Trusted IPs (企业可信IP)</source>
        <translation>应用管理 &gt; 该应用 &gt; 企业可信IP（如使用通讯录同步 Secret，则为：管理工具 &gt; 通讯录同步 &gt; 企业可信IP）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Management Tools (管理工具) &gt; Contacts Sync (通讯录同步) &gt; Trusted IPs (企业可信IP)</source>
        <translation>管理工具 &gt; 通讯录同步 &gt; 企业可信IP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>App Management (应用管理) &gt; the app &gt; Trusted IPs (企业可信IP)</source>
        <translation>应用管理 &gt; 该应用 &gt; 企业可信IP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add this machine&apos;s public outbound IP address (WeCom names the address it saw after &quot;from ip&quot; in the detail) under %1. WeCom accepts trusted IPs only after a callback URL or a trusted domain has been verified there.</source>
        <translation>请将本机的公网出口 IP 地址（企业微信在详情中“from ip”之后给出了它看到的地址）添加到：%1。只有在该处验证过回调 URL 或可信域名后，企业微信才接受可信 IP 设置。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The console fetched a new token and repeated the call; WeCom refused that too. Check that the secret was not reset in the admin console and that no other program resets it, then run again.</source>
        <translation>控制台已获取新的访问令牌并重新调用，但企业微信仍然拒绝。请检查该 Secret 是否已在管理后台被重置，以及是否有其他程序在重置它，然后重新运行。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This console uses the secrets of self-built apps and of the Contacts Sync and Customer Contact tools; the credentials of a third-party (第三方) app are not supported. Check the secrets and the API base URL.</source>
        <translation>本控制台使用自建应用以及通讯录同步、客户联系工具的 Secret；不支持第三方应用的凭据。请检查各 Secret 及 API 基础地址。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This is a fault in the console or in something between it and WeCom (check the API base URL). Report it with the detail.</source>
        <translation>这是控制台本身或其与企业微信之间某个环节的故障（请检查 API 基础地址）。请附上详情报告此问题。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The member may have been deleted or their userid changed in WeCom; the next sync brings the console up to date.</source>
        <translation>该成员可能已在企业微信中被删除，或其 userid 已变更；下次同步时控制台会更新为最新数据。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The department may have been deleted; the next sync brings the department tree up to date.</source>
        <translation>该部门可能已被删除；下次同步时会更新部门树。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WeCom was too busy to answer %1.</source>
        <translation>企业微信系统繁忙，未能响应 %1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The console waited and retried before giving up. Run again in a few minutes.</source>
        <translation>控制台已等待并重试，最终放弃。请几分钟后重新运行。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WeCom reports a data version conflict on %1.</source>
        <translation>企业微信报告 %1 出现数据版本冲突。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Something changed the same data at the same moment. Run again.</source>
        <translation>有其他操作同时修改了相同的数据。请重新运行。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WeCom refused the secret used for %1 (invalid credential).</source>
        <translation>企业微信拒绝了调用 %1 所用的 Secret（凭据无效）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WeCom says the userid given to %1 is not valid.</source>
        <translation>企业微信提示传给 %1 的 userid 无效。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WeCom does not know the configured Corp ID (calling %1).</source>
        <translation>企业微信无法识别所配置的企业ID（调用 %1 时）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WeCom says the access token used for %1 is not valid.</source>
        <translation>企业微信提示调用 %1 所用的访问令牌无效。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WeCom does not know the group chat given to %1.</source>
        <translation>企业微信找不到传给 %1 的客户群。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The group chat may have been dismissed; the next sync brings the group chats up to date.</source>
        <translation>该客户群可能已解散；下次同步时会更新客户群数据。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WeCom says the Agent ID sent to %1 is not valid.</source>
        <translation>企业微信提示传给 %1 的 AgentId 无效。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WeCom refused a parameter of the call to %1.</source>
        <translation>企业微信拒绝了调用 %1 时传入的某个参数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>If it happened while reading page after page, the data changed in between: run again to start over. Otherwise report it with the detail.</source>
        <translation>如果发生在逐页读取的过程中，说明数据在此期间发生了变化：请重新运行以从头开始。否则请附上详情报告此问题。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>WeCom says parameters of the call to %1 are empty.</source>
        <translation>企业微信提示调用 %1 的参数为空。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WeCom expected a third-party suite token for %1.</source>
        <translation>企业微信要求调用 %1 时使用第三方应用的 suite_access_token。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WeCom says the secret used for %1 is not valid (it may belong to another corp).</source>
        <translation>企业微信提示调用 %1 所用的 Secret 无效（可能属于其他企业）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WeCom does not know the customer (external contact) given to %1.</source>
        <translation>企业微信找不到传给 %1 的客户（外部联系人）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer may have removed every member, or the id belongs to another corp or app; the next sync brings the customers up to date.</source>
        <translation>该客户可能已删除所有成员，或该 ID 属于其他企业或应用；下次同步时会更新客户数据。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The call to %1 carried no access token.</source>
        <translation>对 %1 的调用未携带访问令牌。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The call to %1 carried no Corp ID.</source>
        <translation>对 %1 的调用未携带企业ID。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The call to %1 carried no secret.</source>
        <translation>对 %1 的调用未携带 Secret。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The access token used for %1 has expired.</source>
        <translation>调用 %1 所用的访问令牌已过期。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WeCom says the third-party suite token for %1 has expired.</source>
        <translation>企业微信提示调用 %1 所用的第三方应用 suite_access_token 已过期。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WeCom refused to send an empty message through %1.</source>
        <translation>企业微信拒绝通过 %1 发送空消息。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter the text to send.</source>
        <translation>请输入要发送的文本。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The message sent through %1 is longer than WeCom accepts.</source>
        <translation>通过 %1 发送的消息超出企业微信允许的长度。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shorten the text to at most 2048 bytes (UTF-8; a Chinese character takes three).</source>
        <translation>请将文本缩短至 2048 字节以内（UTF-8 编码，一个汉字占 3 字节）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WeCom&apos;s call frequency limit for %1 was reached.</source>
        <translation>已达到企业微信对 %1 的调用频率限制。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The console waited and retried before giving up. Lower the service&apos;s rate limit or in-flight setting, or spread scheduled runs apart. WeCom lifts a per-minute block after 60 seconds and an hourly one after an hour; https://open.work.weixin.qq.com/wwopen/devtool/checkCorpSpamBlock shows and lifts blocks.</source>
        <translation>控制台已等待并重试，最终放弃。请调低该服务的限流或并发设置，或将定时运行的时间错开。企业微信会在 60 秒后解除按分钟计的封禁，一小时后解除按小时计的封禁；可在 https://open.work.weixin.qq.com/wwopen/devtool/checkCorpSpamBlock 查看并解除封禁。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WeCom&apos;s answer to %1 would be larger than it allows.</source>
        <translation>企业微信对 %1 的响应将超出其允许的大小。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read smaller parts (department by department, without fetching sub-departments). Report it with the detail if the console&apos;s own reading causes it.</source>
        <translation>请分批读取更小的部分（逐个部门读取，不递归获取子部门）。如果是控制台自身的读取导致此问题，请附上详情报告。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Too many calls to %1 were running at the same time.</source>
        <translation>同时进行的 %1 调用过多。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The console waited and retried before giving up. Lower the service&apos;s in-flight setting (WeCom allows as few as 5 concurrent calls to some APIs) and make sure no other program calls WeCom for this corp at the same time.</source>
        <translation>控制台已等待并重试，最终放弃。请调低该服务的并发设置（企业微信对部分接口只允许 5 个并发调用），并确保没有其他程序同时为该企业调用企业微信。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WeCom says the member given to %1 does not exist.</source>
        <translation>企业微信提示传给 %1 的成员不存在。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WeCom could not read the request body of %1.</source>
        <translation>企业微信无法解析 %1 的请求体。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WeCom does not allow this secret to call %1.</source>
        <translation>企业微信不允许使用此 Secret 调用 %1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WeCom does not let the contacts sync assistant call %1 from here.</source>
        <translation>企业微信不允许通讯录同步助手从此处调用 %1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add this machine&apos;s public outbound IP address under Management Tools (管理工具) &gt; Contacts Sync (通讯录同步) &gt; Trusted IPs (企业可信IP). Since 15 August 2022 WeCom also refuses department/list and user/list to the Contacts sync secret from IP addresses added after that date: read those with the App secret.</source>
        <translation>请将本机的公网出口 IP 地址添加到“管理工具 &gt; 通讯录同步 &gt; 企业可信IP”。自 2022 年 8 月 15 日起，对于此日期之后新增的 IP 地址，企业微信还会拒绝通讯录同步 Secret 调用 department/list 和 user/list：请改用应用 Secret 读取这些数据。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The department given to %1 does not exist in WeCom.</source>
        <translation>传给 %1 的部门在企业微信中不存在。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The member, department or tag given to %1 is outside the app&apos;s visible range.</source>
        <translation>传给 %1 的成员、部门或标签不在应用的可见范围内。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Widen the app&apos;s visible range under App Management (应用管理) &gt; the app &gt; Visible range (可见范围), or use the Contacts sync secret, which sees the whole organisation.</source>
        <translation>请在“应用管理 &gt; 该应用 &gt; 可见范围”中扩大应用的可见范围，或改用可查看整个组织架构的通讯录同步 Secret。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WeCom refuses calls to %1 from this machine&apos;s IP address.</source>
        <translation>企业微信拒绝来自本机 IP 地址的 %1 调用。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The userid given to %1 does not exist in WeCom.</source>
        <translation>传给 %1 的 userid 在企业微信中不存在。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WeCom says the department id given to %1 is not valid.</source>
        <translation>企业微信提示传给 %1 的部门 ID 无效。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>None of the recipients given to %1 is valid or within the app&apos;s visible range.</source>
        <translation>传给 %1 的接收人均无效，或均不在应用的可见范围内。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the userids, department ids and tag ids, and that they are inside the app&apos;s visible range (可见范围).</source>
        <translation>请检查 userid、部门 ID 和标签 ID，并确认它们在应用的可见范围内。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The call to %1 asks for more items than WeCom allows at once.</source>
        <translation>对 %1 的调用一次请求的条目数超出企业微信的限制。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For group chats of an app that sees more than 1000 people, filter by owner (at most 100 per call). Otherwise report it with the detail.</source>
        <translation>如果应用的可见范围超过 1000 人，获取客户群时请按群主过滤（每次调用最多 100 个）。否则请附上详情报告此问题。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WeCom reports no customer relation for the member given to %1.</source>
        <translation>企业微信报告传给 %1 的成员没有客户关系。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The member has no customers (external contacts). A sync counts this as an empty list, not as a failure.</source>
        <translation>该成员没有客户（外部联系人）。同步时会将其视为空列表，而非失败。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The app has no permission for customer contact APIs (%1).</source>
        <translation>该应用没有客户联系接口的权限（%1）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the app under Customer Contact (客户联系) &gt; 可调用接口的应用 in the admin console, or enter the Customer contact secret.</source>
        <translation>请在管理后台将该应用加入“客户联系 &gt; 可调用接口的应用”，或填写客户联系 Secret。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The App secret used for %1 belongs to another app than the configured Agent ID.</source>
        <translation>调用 %1 所用的应用 Secret 与所配置的 AgentId 不属于同一个应用。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>a WeCom API</source>
        <translation>某个企业微信接口</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>WeCom refused %1 with error %2: %3</source>
        <translation>企业微信拒绝了 %1，错误码 %2：%3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WeCom explains its error codes at %1. Report it with the detail if it persists.</source>
        <translation>企业微信在 %1 提供了错误码说明。如问题持续，请附上详情报告。</translation>
    </message>
</context>
<context>
    <name>ic::connectors::wecom::WeComEvents</name>
    <message>
        <location filename="../core/connectors/wecom/WeComEvents.cpp" line="+89"/>
        <source>The callback message is not well-formed XML.</source>
        <translation>回调消息不是格式正确的 XML。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The callback message has no XML element.</source>
        <translation>回调消息中没有任何 XML 元素。</translation>
    </message>
</context>
<context>
    <name>ic::connectors::wecom::WeComModels</name>
    <message>
        <location filename="../core/connectors/wecom/WeComModels.cpp" line="+57"/>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>WeCom&apos;s answer to %1 lacks the required field %2.</source>
        <translation>企业微信对 %1 的响应缺少必需字段 %2。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>WeCom&apos;s answer to %1 has a value of the wrong type in %2 (expected %3).</source>
        <translation>企业微信对 %1 的响应中，%2 的值类型不正确（应为 %3）。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>WeCom may have changed this API, or something between this computer and WeCom altered the answer (check the API base URL). Report it with the detail.</source>
        <translation>企业微信可能已更改此接口，或本机与企业微信之间的某个环节改动了响应（请检查 API 基础地址）。请附上详情报告此问题。</translation>
    </message>
    <message>
        <location line="+646"/>
        <source>Name at least one member whose customers are to be read.</source>
        <translation>请至少指定一名要读取其客户的成员。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WeCom reads the customers of at most %1 members per call; %2 were given.</source>
        <translation>企业微信每次调用最多读取 %1 名成员的客户；当前指定了 %2 名。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Member %1 of the list has an empty userid.</source>
        <translation>列表中第 %1 个成员的 userid 为空。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Filter corp tags by tag or by group, not both (WeCom ignores the tags when groups are given).</source>
        <translation>筛选企业标签时，请按标签或按标签组筛选，不能同时使用两者（指定标签组时，企业微信会忽略标签）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tag %1 of the list has an empty id.</source>
        <translation>列表中第 %1 个标签的 ID 为空。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tag group %1 of the list has an empty id.</source>
        <translation>列表中第 %1 个标签组的 ID 为空。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The group chat status filter must be 0 (all), 1 (owner resigned), 2 (being inherited) or 3 (inherited), not %1.</source>
        <translation>客户群状态过滤值必须为 0（全部）、1（离职待继承）、2（离职继承中）或 3（离职继承完成），而不是 %1。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>WeCom filters group chats by at most %1 owners per call; %2 were given.</source>
        <translation>企业微信每次调用最多按 %1 个群主过滤客户群；当前指定了 %2 个。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Owner %1 of the list has an empty userid.</source>
        <translation>列表中第 %1 个群主的 userid 为空。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Name the group chat to read.</source>
        <translation>请指定要读取的客户群。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Name at least one recipient: a member, a department or a tag.</source>
        <translation>请至少指定一个接收对象：成员、部门或标签。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WeCom sends one message to at most %1 members; %2 were given.</source>
        <translation>企业微信单条消息最多发送给 %1 名成员；当前指定了 %2 名。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WeCom sends one message to at most %1 departments; %2 were given.</source>
        <translation>企业微信单条消息最多发送给 %1 个部门；当前指定了 %2 个。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WeCom sends one message to at most %1 tags; %2 were given.</source>
        <translation>企业微信单条消息最多发送给 %1 个标签；当前指定了 %2 个。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&quot;@all&quot; already means everyone the app can see; name no other members with it.</source>
        <translation>“@all”已表示应用可见范围内的所有人；请勿同时指定其他成员。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Recipient %1 is not a userid (empty, or containing &apos;|&apos;).</source>
        <translation>第 %1 个接收人不是有效的 userid（为空或包含“|”）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Department ids start at 1.</source>
        <translation>部门 ID 从 1 开始。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tag ids start at 1.</source>
        <translation>标签 ID 从 1 开始。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The Agent ID of the sending app is missing; it is a number from 1 up.</source>
        <translation>缺少发送消息的应用的 AgentId；AgentId 是从 1 开始的数字。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The message text is empty.</source>
        <translation>消息文本为空。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The message text is %1 bytes long; WeCom accepts at most %2 bytes (UTF-8; a Chinese character takes three).</source>
        <translation>消息文本长 %1 字节；企业微信最多接受 %2 字节（UTF-8 编码，一个汉字占 3 字节）。</translation>
    </message>
</context>
<context>
    <name>ic::connectors::wecom::WeComSession</name>
    <message>
        <location filename="../core/connectors/wecom/WeComSession.cpp" line="+29"/>
        <source>The service %1 has no corp ID.</source>
        <translation>服务 %1 未设置企业ID。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set it with: integration-console service set %1 corp_id=&lt;ID&gt; (WeCom admin console: 我的企业 → 企业信息 → 企业ID).</source>
        <translation>请使用以下命令设置：integration-console service set %1 corp_id=&lt;ID&gt;（企业微信管理后台：我的企业 → 企业信息 → 企业ID）。</translation>
    </message>
</context>
<context>
    <name>ic::connectors::wecom::WeComSync</name>
    <message>
        <location filename="../core/connectors/wecom/WeComSync.cpp" line="+786"/>
        <source>followers %1 to %2</source>
        <translation>跟进人 %1 至 %2</translation>
    </message>
</context>
<context>
    <name>ic::db::AccessTokenCacheRepository</name>
    <message>
        <location filename="../core/db/AccessTokenCacheRepository.cpp" line="+27"/>
        <source>A cached access token needs a value for %1.</source>
        <translation>缓存的访问令牌缺少 %1 的值。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A cached access token needs an expiry time.</source>
        <translation>缓存的访问令牌缺少过期时间。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The API base URL %1 is longer than %2 characters, so its access tokens cannot be shared through the database.</source>
        <translation>API 基础地址 %1 超过 %2 个字符，因此其访问令牌无法通过数据库共享。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use a shorter base URL for the service.</source>
        <translation>请为该服务使用较短的基础地址。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The cached access token cannot be read.</source>
        <translation>无法读取缓存的访问令牌。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The access token cannot be cached in the database.</source>
        <translation>无法将访问令牌缓存到数据库。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The cached access token cannot be removed.</source>
        <translation>无法删除缓存的访问令牌。</translation>
    </message>
</context>
<context>
    <name>ic::db::AuditLogRepository</name>
    <message>
        <location filename="../core/db/Repositories.cpp" line="+329"/>
        <source>The audit log entry cannot be written.</source>
        <translation>无法写入审计日志条目。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The database did not return the id of the audit log entry.</source>
        <translation>数据库未返回审计日志条目的 ID。</translation>
    </message>
    <message>
        <location line="+42"/>
        <location line="+54"/>
        <source>The audit log cannot be read.</source>
        <translation>无法读取审计日志。</translation>
    </message>
</context>
<context>
    <name>ic::db::CallLogRepository</name>
    <message>
        <location filename="../core/db/CallLogRepository.cpp" line="+36"/>
        <source>Call log record %1 has no tenant.</source>
        <translation>调用日志记录 %1 缺少租户。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Call log record %1 has no endpoint.</source>
        <translation>调用日志记录 %1 缺少接口。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Call log record %1 has no method.</source>
        <translation>调用日志记录 %1 缺少请求方法。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Call log record %1 has no request time.</source>
        <translation>调用日志记录 %1 缺少请求时间。</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+30"/>
        <source>The call log cannot be written.</source>
        <translation>无法写入调用日志。</translation>
    </message>
    <message>
        <location line="+109"/>
        <location line="+30"/>
        <location line="+26"/>
        <location line="+52"/>
        <source>The call log cannot be read.</source>
        <translation>无法读取调用日志。</translation>
    </message>
</context>
<context>
    <name>ic::db::Database</name>
    <message>
        <location filename="../core/db/Database.cpp" line="+77"/>
        <source>Install the Qt SQLite driver (Debian: libqt6sql6-sqlite).</source>
        <translation>请安装 Qt SQLite 驱动（Debian：libqt6sql6-sqlite）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Install the Qt PostgreSQL driver (Debian: libqt6sql6-psql).</source>
        <translation>请安装 Qt PostgreSQL 驱动（Debian：libqt6sql6-psql）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Install the Qt MySQL/MariaDB driver (Debian: libqt6sql6-mysql).</source>
        <translation>请安装 Qt MySQL/MariaDB 驱动（Debian：libqt6sql6-mysql）。</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>The database file %1 cannot be opened.</source>
        <translation>无法打开数据库文件 %1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check that the folder exists and that this user may write to it.</source>
        <translation>请检查该目录是否存在，以及当前用户是否有写入权限。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The database server refused the login of user “%1” (%2).</source>
        <translation>数据库服务器拒绝了用户“%1”的登录（%2）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check the user name in the URL and the database password stored in the OS keychain, or the one given in the environment variable IC_SECRET_DATABASE_PASSWORD.</source>
        <translation>请检查 URL 中的用户名，以及保存在系统钥匙串中或通过环境变量 IC_SECRET_DATABASE_PASSWORD 提供的数据库密码。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The database “%1” does not exist on %2:%3.</source>
        <translation>%2:%3 上不存在数据库“%1”。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check the database name in the URL, or ask the server&apos;s administrator to create the database (CREATE DATABASE).</source>
        <translation>请检查 URL 中的数据库名称，或请服务器管理员创建该数据库（CREATE DATABASE）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The database server at %1:%2 cannot be reached.</source>
        <translation>无法连接到位于 %1:%2 的数据库服务器。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check the host and port in the URL, that the database server is running, and that no firewall blocks the connection.</source>
        <translation>请检查 URL 中的主机和端口、数据库服务器是否正在运行，以及是否有防火墙阻止连接。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Could not connect to the database %1.</source>
        <translation>无法连接到数据库 %1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the URL and that the database server is running.</source>
        <translation>请检查 URL，并确认数据库服务器正在运行。</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>The Qt SQL driver %1 is not installed.</source>
        <translation>未安装 Qt SQL 驱动 %1。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The folder %1 for the database cannot be created.</source>
        <translation>无法创建数据库所在目录 %1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a database path in a folder this user may write to.</source>
        <translation>请将数据库路径设在当前用户有写入权限的目录中。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>The database connection could not be prepared (%1).</source>
        <translation>无法准备数据库连接（%1）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The database file %1 cannot use write-ahead logging.</source>
        <translation>数据库文件 %1 无法使用预写式日志（WAL）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep the database on a local disk that this user may write to.</source>
        <translation>请将数据库放在当前用户有写入权限的本地磁盘上。</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>A database transaction could not start.</source>
        <translation>无法开始数据库事务。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>A step of a database transaction failed, so the whole transaction was rolled back.</source>
        <translation>数据库事务中的某一步失败，整个事务已回滚。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>A database transaction could not commit.</source>
        <translation>无法提交数据库事务。</translation>
    </message>
</context>
<context>
    <name>ic::db::DatabaseUrl</name>
    <message>
        <location filename="../core/db/DatabaseUrl.cpp" line="+16"/>
        <source>Accepted forms: sqlite:///absolute/path/file.db, sqlite:relative/file.db, postgresql://user@host:5432/database, mysql://user@host:3306/database.</source>
        <translation>支持的格式：sqlite:///absolute/path/file.db、sqlite:relative/file.db、postgresql://user@host:5432/database、mysql://user@host:3306/database。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>An SQLite URL names a file, not a host: write three slashes before an absolute path (sqlite:///path/file.db).</source>
        <translation>SQLite URL 指向文件而非主机：绝对路径前应写三个斜杠（sqlite:///path/file.db）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The SQLite URL does not name a file.</source>
        <translation>SQLite URL 未指定文件。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>A server database URL starts with “%1://”.</source>
        <translation>服务器数据库 URL 应以“%1://”开头。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A password in the database URL is not accepted: it would end up in shell history, settings files and logs.</source>
        <translation>数据库 URL 中不能包含密码：否则密码会留在 shell 历史、设置文件和日志中。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove “:password” from the URL. Store the password in the OS keychain, or provide it in the environment variable IC_SECRET_DATABASE_PASSWORD.</source>
        <translation>请从 URL 中删除“:password”。将密码保存到系统钥匙串，或通过环境变量 IC_SECRET_DATABASE_PASSWORD 提供。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The database URL is not valid: %1</source>
        <translation>数据库 URL 无效：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Options after “?” or “#” are not supported in a database URL.</source>
        <translation>数据库 URL 不支持“?”或“#”之后的选项。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The database URL names no host.</source>
        <translation>数据库 URL 未指定主机。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The port of the database URL must be between 1 and 65535.</source>
        <translation>数据库 URL 的端口必须介于 1 和 65535 之间。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The database URL names no database: add “/database” after the host.</source>
        <translation>数据库 URL 未指定数据库：请在主机后添加“/database”。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database name in the URL must not contain “/”.</source>
        <translation>URL 中的数据库名称不能包含“/”。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The database URL is empty.</source>
        <translation>数据库 URL 为空。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The database must be given as a URL that starts with its type (sqlite:, postgresql: or mysql:). %1</source>
        <translation>数据库必须以 URL 形式指定，并以其类型开头（sqlite:、postgresql: 或 mysql:）。%1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Unknown database type “%1”. %2</source>
        <translation>未知的数据库类型“%1”。%2</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>password of database %1</source>
        <translation>数据库 %1 的密码</translation>
    </message>
</context>
<context>
    <name>ic::db::Migrator</name>
    <message>
        <location filename="../core/db/Migrator.cpp" line="+40"/>
        <source>The schema version of the database cannot be read.</source>
        <translation>无法读取数据库的架构版本。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>This database was upgraded by a newer version of Integration Console (schema %1; this program knows up to %2).</source>
        <translation>此数据库已由较新版本的 Integration Console 升级（架构版本 %1；本程序最高支持 %2）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Install the newer version, or point --db at another database.</source>
        <translation>请安装较新版本，或使用 --db 指定其他数据库。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A schema change failed.</source>
        <translation>架构变更失败。</translation>
    </message>
    <message>
        <location line="+35"/>
        <location line="+60"/>
        <source>The schema migration lock cannot be taken.</source>
        <translation>无法获取架构迁移锁。</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Another program is upgrading this database&apos;s schema.</source>
        <translation>另一个程序正在升级此数据库的架构。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wait until it has finished, then try again.</source>
        <translation>请等待其完成后重试。</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>The applied schema version cannot be recorded.</source>
        <translation>无法记录已应用的架构版本。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Run `integration-console db migrate`.</source>
        <translation>请运行 `integration-console db migrate`。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This database has no Integration Console schema yet.</source>
        <translation>此数据库尚未创建 Integration Console 架构。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This database&apos;s schema (version %1) is older than this program needs (version %2).</source>
        <translation>此数据库的架构（版本 %1）低于本程序所需的版本（%2）。</translation>
    </message>
</context>
<context>
    <name>ic::db::MirrorRepository</name>
    <message>
        <location filename="../core/db/MirrorRepository.cpp" line="+82"/>
        <source>The departments could not be read.</source>
        <translation>无法读取部门。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The departments&apos; staff could not be counted.</source>
        <translation>无法统计各部门的成员数。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The staff of the department could not be read.</source>
        <translation>无法读取该部门的成员。</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>The customers could not be searched.</source>
        <translation>无法搜索客户。</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>The customers&apos; followers could not be counted.</source>
        <translation>无法统计客户的跟进人。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The customers&apos; tags could not be read.</source>
        <translation>无法读取客户的标签。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The customer could not be read.</source>
        <translation>无法读取该客户。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The customer&apos;s follow relations could not be read.</source>
        <translation>无法读取该客户的跟进关系。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The customer&apos;s tags could not be read.</source>
        <translation>无法读取该客户的标签。</translation>
    </message>
</context>
<context>
    <name>ic::db::ServiceConfigRepository</name>
    <message>
        <location filename="../core/db/Repositories.cpp" line="-349"/>
        <source>A service named “%1” exists already.</source>
        <translation>名为“%1”的服务已存在。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose another name, or change the existing service.</source>
        <translation>请另选名称，或修改现有服务。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>There is no service with id %1.</source>
        <translation>不存在 ID 为 %1 的服务。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The service “%1” does not exist.</source>
        <translation>服务“%1”不存在。</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+20"/>
        <source>The service configurations cannot be read.</source>
        <translation>无法读取服务配置。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The service configuration “%1” cannot be read.</source>
        <translation>无法读取服务配置“%1”。</translation>
    </message>
    <message>
        <location line="+60"/>
        <location line="+52"/>
        <source>The service “%1” cannot be saved.</source>
        <translation>无法保存服务“%1”。</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>The database did not return the id of the new service “%1”.</source>
        <translation>数据库未返回新服务“%1”的 ID。</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>The status of service %1 cannot be saved.</source>
        <translation>无法保存服务 %1 的状态。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The service with id %1 cannot be removed.</source>
        <translation>无法删除 ID 为 %1 的服务。</translation>
    </message>
</context>
<context>
    <name>ic::db::ServiceTestRepository</name>
    <message>
        <location filename="../core/db/ServiceTestRepository.cpp" line="+29"/>
        <source>A connection test result needs a tenant.</source>
        <translation>连接测试结果缺少租户。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A connection test result needs a service.</source>
        <translation>连接测试结果缺少服务。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A connection test result needs a start time.</source>
        <translation>连接测试结果缺少开始时间。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“%1” is not an outcome of a connection test (passed, warning or failed).</source>
        <translation>“%1”不是有效的连接测试结果（应为 passed、warning 或 failed）。</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>The connection test results cannot be read.</source>
        <translation>无法读取连接测试结果。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The connection test result cannot be kept: there is no service with id %1 (any more).</source>
        <translation>无法保留连接测试结果：ID 为 %1 的服务不存在（或已被删除）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The connection test result cannot be saved.</source>
        <translation>无法保存连接测试结果。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The database did not return the id of the connection test result.</source>
        <translation>数据库未返回连接测试结果的 ID。</translation>
    </message>
</context>
<context>
    <name>ic::db::SyncLockRepository</name>
    <message>
        <location filename="../core/db/SyncLockRepository.cpp" line="+69"/>
        <source>A sync lock needs a tenant, a service and a type.</source>
        <translation>同步锁需要租户、服务和类型。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A sync lock needs a holder.</source>
        <translation>同步锁需要持有者。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>SQLite databases have no session locks.</source>
        <translation>SQLite 数据库没有会话锁。</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+102"/>
        <source>The sync lock cannot be read.</source>
        <translation>无法读取同步锁。</translation>
    </message>
    <message>
        <location line="-98"/>
        <location line="+20"/>
        <location line="+103"/>
        <source>The sync lock cannot be taken.</source>
        <translation>无法获取同步锁。</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>The holder of the sync lock cannot be recorded.</source>
        <translation>无法记录同步锁的持有者。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The heartbeat of the sync lock cannot be recorded.</source>
        <translation>无法记录同步锁的心跳。</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+88"/>
        <source>The sync lock cannot be released.</source>
        <translation>无法释放同步锁。</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>The sync lock cannot be checked.</source>
        <translation>无法检查同步锁。</translation>
    </message>
</context>
<context>
    <name>ic::db::SyncRunRepository</name>
    <message>
        <location filename="../core/db/SyncRunRepository.cpp" line="+197"/>
        <source>A sync run needs a tenant.</source>
        <translation>同步运行需要租户。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A sync run needs a service.</source>
        <translation>同步运行需要服务。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A sync run needs a sync type.</source>
        <translation>同步运行需要同步类型。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“%1” is not a sync mode (incremental or full).</source>
        <translation>“%1”不是同步模式（incremental 或 full）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“%1” is not a sync trigger (cli, gui or schedule).</source>
        <translation>“%1”不是同步触发方式（cli、gui 或 schedule）。</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>The sync run cannot be recorded.</source>
        <translation>无法记录同步运行。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The database did not return the id of the sync run.</source>
        <translation>数据库未返回同步运行的 ID。</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+93"/>
        <location line="+54"/>
        <location line="+160"/>
        <source>The sync run cannot be read.</source>
        <translation>无法读取同步运行。</translation>
    </message>
    <message>
        <location line="-304"/>
        <location line="+147"/>
        <location line="+79"/>
        <source>There is no sync run %1.</source>
        <translation>不存在同步运行 %1。</translation>
    </message>
    <message>
        <location line="-221"/>
        <source>Sync run %1 is no longer running here (its status is %2): another process has taken over.</source>
        <translation>同步运行 %1 已不在此处运行（其状态为 %2）：另一个进程已接管。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stop this run; the run that took over continues from the last saved checkpoint.</source>
        <translation>请停止此运行；接管的运行会从最后保存的检查点继续。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The sync run cannot be started.</source>
        <translation>无法启动同步运行。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sync run %1 cannot start: it is not pending.</source>
        <translation>同步运行 %1 无法启动：它不处于等待状态。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The heartbeat of the sync run cannot be recorded.</source>
        <translation>无法记录同步运行的心跳。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The checkpoint of the sync run cannot be saved.</source>
        <translation>无法保存同步运行的检查点。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A sync run cannot finish with status %1.</source>
        <translation>同步运行不能以状态 %1 结束。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The end of the sync run cannot be recorded.</source>
        <translation>无法记录同步运行的结束。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>A sync run step needs a tenant and a run.</source>
        <translation>同步步骤需要租户和所属运行。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sync run steps are numbered from 1.</source>
        <translation>同步步骤从 1 开始编号。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A sync run step needs an entity.</source>
        <translation>同步步骤需要实体。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Sync run %1 has a step %2 already.</source>
        <translation>同步运行 %1 已有步骤 %2。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The sync run step cannot be recorded.</source>
        <translation>无法记录同步步骤。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The database did not return the id of the sync run step.</source>
        <translation>数据库未返回同步步骤的 ID。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The sync run step cannot be updated.</source>
        <translation>无法更新同步步骤。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sync run %1 has no step %2.</source>
        <translation>同步运行 %1 没有步骤 %2。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A sync run error needs a tenant and a run.</source>
        <translation>同步错误记录需要租户和所属运行。</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+17"/>
        <source>The errors of the sync run cannot be recorded.</source>
        <translation>无法记录同步运行的错误。</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>The sync runs cannot be read.</source>
        <translation>无法读取同步运行记录。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The steps of the sync run cannot be read.</source>
        <translation>无法读取同步运行的步骤。</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+10"/>
        <source>The errors of the sync run cannot be read.</source>
        <translation>无法读取同步运行的错误。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The last sync run cannot be read.</source>
        <translation>无法读取最近一次同步运行。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The last successful sync run cannot be read.</source>
        <translation>无法读取最近一次成功的同步运行。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The last sync runs cannot be read.</source>
        <translation>无法读取各类型最近一次同步运行。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The interrupted sync runs cannot be read.</source>
        <translation>无法读取已中断的同步运行。</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+9"/>
        <source>An interrupted sync run cannot be ended.</source>
        <translation>无法结束已中断的同步运行。</translation>
    </message>
</context>
<context>
    <name>ic::db::SyncStore</name>
    <message>
        <location filename="../core/db/SyncStore.cpp" line="+776"/>
        <source>The stored %1 rows could not be read.</source>
        <translation>无法读取已存储的 %1 行。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The %1 rows have no follower to select them by.</source>
        <translation>%1 行没有可用于筛选的跟进人。</translation>
    </message>
    <message>
        <location line="+158"/>
        <source>A %1 row has %2 values instead of %3.</source>
        <translation>一条 %1 行有 %2 个值，应为 %3 个。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A %1 row has no %2.</source>
        <translation>一条 %1 行缺少 %2。</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+17"/>
        <source>The %1 rows could not be written.</source>
        <translation>无法写入 %1 行。</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+13"/>
        <source>The %1 rows could not be deleted.</source>
        <translation>无法删除 %1 行。</translation>
    </message>
</context>
<context>
    <name>ic::net::CallLogWriter</name>
    <message numerus="yes">
        <location filename="../core/net/CallLogWriter.cpp" line="+149"/>
        <source>%n call log record(s) were dropped because the queue was full; the database does not keep up.</source>
        <translation>
            <numerusform>队列已满，已丢弃 %n 条调用日志记录；数据库写入跟不上。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+62"/>
        <source>%n call log record(s) were dropped: %1</source>
        <translation>
            <numerusform>已丢弃 %n 条调用日志记录：%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::net::HttpClient</name>
    <message>
        <location filename="../core/net/HttpClient.cpp" line="+112"/>
        <source>The call setting %1 must be a whole number from %2 to %3.</source>
        <translation>调用设置 %1 必须是 %2 至 %3 之间的整数。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The call setting %1 must be a number from %2 to %3.</source>
        <translation>调用设置 %1 必须是 %2 至 %3 之间的数值。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The call timeout must be from 100 ms to 10 minutes, not %1 ms.</source>
        <translation>调用超时必须介于 100 毫秒和 10 分钟之间，当前为 %1 毫秒。</translation>
    </message>
    <message>
        <location line="+207"/>
        <source>The CA file %1 cannot be read: %2.</source>
        <translation>无法读取 CA 文件 %1：%2。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the path of a PEM file with the certificates to trust, readable by the user that runs the console.</source>
        <translation>请指定包含受信任证书的 PEM 文件路径，且运行控制台的用户须有读取权限。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The CA file %1 holds no PEM certificate.</source>
        <translation>CA 文件 %1 中没有 PEM 证书。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file must contain one or more &quot;-----BEGIN CERTIFICATE-----&quot; blocks.</source>
        <translation>该文件必须包含一个或多个“-----BEGIN CERTIFICATE-----”块。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The call was cancelled: its client was closed.</source>
        <translation>调用已取消：其客户端已关闭。</translation>
    </message>
    <message numerus="yes">
        <location line="+37"/>
        <source>Calls to this service are paused after repeated failures; the next try is in %n second(s).</source>
        <translation>
            <numerusform>多次失败后，已暂停调用此服务（熔断）；将在 %n 秒后再次尝试。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+87"/>
        <source>The answer is not in the expected format (%n byte(s)).</source>
        <translation>
            <numerusform>响应格式不符合预期（%n 字节）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::sandbox::SandboxService</name>
    <message>
        <location filename="../core/sandbox/SandboxService.cpp" line="+30"/>
        <source>The service %1 exists and is not a WeCom service.</source>
        <translation>服务 %1 已存在，且不是企业微信服务。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose another name for the sandbox service.</source>
        <translation>请为沙箱服务另选一个名称。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sandbox corp for trying the console</source>
        <translation>用于试用控制台的沙箱模拟企业</translation>
    </message>
</context>
<context>
    <name>ic::secrets::ChainedSecretStore</name>
    <message>
        <location filename="../core/secrets/ChainedSecretStore.cpp" line="+42"/>
        <source>%1, then %2</source>
        <translation>%1，其次%2</translation>
    </message>
</context>
<context>
    <name>ic::secrets::EnvironmentSecretStore</name>
    <message>
        <location filename="../core/secrets/EnvironmentSecretStore.cpp" line="+21"/>
        <source>environment</source>
        <translation>环境变量</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Cannot store %1: the environment is read-only for the program and cannot be written.</source>
        <translation>无法保存 %1：环境变量对本程序只读，无法写入。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot remove %1: the environment is read-only for the program and cannot be changed.</source>
        <translation>无法删除 %1：环境变量对本程序只读，无法更改。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Environment variables are set by whoever starts the program (a shell, a service manager or a container).</source>
        <translation>环境变量由启动本程序的一方（shell、服务管理器或容器）设置。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The value of %1 is set by whoever starts the program (a shell, a service manager or a container); change it there.</source>
        <translation>%1 的值由启动本程序的一方（shell、服务管理器或容器）设置，请在该处修改。</translation>
    </message>
</context>
<context>
    <name>ic::secrets::KeychainSecretStore</name>
    <message>
        <location filename="../core/secrets/KeychainSecretStore.cpp" line="+93"/>
        <source>Cannot read %1: no OS keychain is available on this system.</source>
        <translation>无法读取 %1：当前系统没有可用的系统钥匙串。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot store %1: no OS keychain is available on this system.</source>
        <translation>无法保存 %1：当前系统没有可用的系统钥匙串。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot remove %1: no OS keychain is available on this system.</source>
        <translation>无法删除 %1：当前系统没有可用的系统钥匙串。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Run the program in a session with an unlocked OS keychain (on Linux, a Secret Service such as GNOME Keyring or KWallet).</source>
        <translation>请在系统钥匙串已解锁的会话中运行本程序（Linux 上需要 Secret Service，例如 GNOME Keyring 或 KWallet）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>On a server without a keychain the value comes from the environment variable %1; unset it where the program is started.</source>
        <translation>在没有钥匙串的服务器上，该值来自环境变量 %1；请在启动本程序的位置取消设置该变量。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>On a server without a keychain, provide the value in the environment variable %1 instead.</source>
        <translation>在没有钥匙串的服务器上，请改为通过环境变量 %1 提供该值。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The OS keychain denied access to %1.</source>
        <translation>系统钥匙串拒绝访问 %1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unlock the keychain (on Linux, the login keyring of GNOME Keyring or KWallet) and try again.</source>
        <translation>请解锁钥匙串（Linux 上为 GNOME Keyring 或 KWallet 的登录密钥环）后重试。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The OS keychain could not read %1.</source>
        <translation>系统钥匙串无法读取 %1。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The OS keychain could not store %1.</source>
        <translation>系统钥匙串无法保存 %1。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The OS keychain could not remove %1.</source>
        <translation>系统钥匙串无法删除 %1。</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>OS keychain</source>
        <translation>系统钥匙串</translation>
    </message>
</context>
<context>
    <name>ic::secrets::MemorySecretStore</name>
    <message>
        <location filename="../core/secrets/MemorySecretStore.cpp" line="+15"/>
        <source>memory</source>
        <translation>内存</translation>
    </message>
</context>
<context>
    <name>ic::services::Category</name>
    <message>
        <location filename="../core/services/ServiceTypeRegistry.cpp" line="+81"/>
        <source>Instant messaging and contacts</source>
        <translation>即时通讯与通讯录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment</source>
        <translation>支付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Point of sale</source>
        <translation>POS 收银</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member and loyalty</source>
        <translation>会员与积分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivery</source>
        <translation>配送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ERP</source>
        <translation>ERP</translation>
    </message>
</context>
<context>
    <name>ic::services::ConnectionTest</name>
    <message>
        <location filename="../core/services/ConnectionTest.cpp" line="+34"/>
        <source>ok</source>
        <translation>通过</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>skipped</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location line="+76"/>
        <source> (%1 ms)</source>
        <translation>（%1 毫秒）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2</source>
        <comment>a test step, then what it found</comment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Hint: %1</source>
        <translation>提示：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connection test of %1 passed.</source>
        <translation>服务 %1 的连接测试已通过。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connection test of %1 passed with warnings.</source>
        <translation>服务 %1 的连接测试已通过，但有警告。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connection test of %1 failed.</source>
        <translation>服务 %1 的连接测试失败。</translation>
    </message>
</context>
<context>
    <name>ic::services::ConnectionTestRunner</name>
    <message>
        <location filename="../core/services/ConnectionTestRunner.cpp" line="+37"/>
        <source>Services of type %1 have no connection test yet.</source>
        <translation>类型为 %1 的服务尚不支持连接测试。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The secret %1 is recorded but has no value.</source>
        <translation>密钥 %1 已登记，但没有值。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store it again with: integration-console service set-secret %1 %2</source>
        <translation>请使用以下命令重新保存：integration-console service set-secret %1 %2</translation>
    </message>
</context>
<context>
    <name>ic::services::FieldValidation</name>
    <message>
        <location filename="../core/services/FieldValidation.cpp" line="+44"/>
        <source>must be a URL such as https://qyapi.weixin.qq.com</source>
        <translation>必须是 URL，例如 https://qyapi.weixin.qq.com</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>must use https:// (plain http:// is accepted only for a local sandbox on 127.0.0.1 or localhost)</source>
        <translation>必须使用 https://（仅 127.0.0.1 或 localhost 上的本地沙箱允许使用 http://）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>must start with https://</source>
        <translation>必须以 https:// 开头</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>is required</source>
        <translation>为必填项</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>must be a single line</source>
        <translation>必须为单行</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>must be a whole number</source>
        <translation>必须是整数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>must be between %1 and %2</source>
        <translation>必须介于 %1 和 %2 之间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>must be at least %1</source>
        <translation>不能小于 %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>must be true or false</source>
        <translation>必须是 true 或 false</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>must be one of: %1</source>
        <translation>必须是以下值之一：%1</translation>
    </message>
</context>
<context>
    <name>ic::services::ServiceConfigService</name>
    <message>
        <location filename="../core/services/ServiceConfigService.cpp" line="+73"/>
        <source>There is no service named &quot;%1&quot;.</source>
        <translation>不存在名为“%1”的服务。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run `integration-console service list` to see the configured services.</source>
        <translation>运行 `integration-console service list` 查看已配置的服务。</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A note for administrators: what this configuration is for.</source>
        <translation>管理员备注：说明此配置的用途。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>must be at most 500 characters</source>
        <translation>不能超过 500 个字符</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Timeout (ms)</source>
        <translation>超时（毫秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How long one call to the provider may take before it is abandoned and retried.</source>
        <translation>单次调用服务商接口的最长时间，超时后将放弃并重试。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order for failover between configurations of the same category; lower is tried first.</source>
        <translation>同一类别的多个配置之间故障切换的顺序；数值越小越优先。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Attempts per call</source>
        <translation>每次调用的尝试次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls in total, the first included, for failures worth retrying (network errors, 5xx, WeCom -1 and rate limits). Default 4.</source>
        <translation>对值得重试的失败（网络错误、5xx、企业微信 -1 及限流），每次调用的总尝试次数（含首次）。默认为 4。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First retry delay (ms)</source>
        <translation>首次重试延迟（毫秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The upper bound of the random wait before the first retry; it doubles for each further retry. Default 1000.</source>
        <translation>首次重试前随机等待时间的上限；此后每次重试翻倍。默认为 1000。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Longest retry delay (ms)</source>
        <translation>最长重试延迟（毫秒）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The cap of the doubling retry wait. Default 30000.</source>
        <translation>翻倍增长的重试等待时间的上限。默认为 30000。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wait after a rate limit (ms)</source>
        <translation>限流后等待时间（毫秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The least wait after the provider says &quot;too many calls&quot; (WeCom 45009/45033). WeCom blocks for 60 s, so retrying sooner only extends the block. Default 60000.</source>
        <translation>服务商提示“调用过于频繁”（企业微信 45009/45033）后的最短等待时间。企业微信会封禁 60 秒，提前重试只会延长封禁。默认为 60000。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failures before pausing</source>
        <translation>熔断前失败次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consecutive failures of the service (network errors, 5xx, WeCom -1) after which calls pause. Default 5.</source>
        <translation>服务连续失败（网络错误、5xx、企业微信 -1）达到此次数后暂停调用（熔断）。默认为 5。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pause after failures (ms)</source>
        <translation>熔断暂停时长（毫秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How long calls pause before one probe call tries again. Default 30000.</source>
        <translation>调用暂停的时长，之后会发起一次探测调用进行重试。默认为 30000。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls per second</source>
        <translation>每秒调用次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The service&apos;s rate limit, shared by every run in this program. The default 40 keeps under WeCom&apos;s 150,000 calls an hour per API.</source>
        <translation>该服务的限流速率，由本程序中的所有运行共享。默认值 40 可保持在企业微信每个接口每小时 150,000 次调用的限制以内。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Burst</source>
        <translation>突发调用数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Calls that may go at once before the rate limit spaces them. Default 50.</source>
        <translation>限流开始控制调用间隔之前，可一次性发出的调用数。默认为 50。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls in flight</source>
        <translation>并发调用数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requests one run may have open at once. Default 8; WeCom answers 45033 to too many concurrent calls.</source>
        <translation>单次运行可同时进行的请求数。默认为 8；并发调用过多时，企业微信会返回 45033。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Extra CA file</source>
        <translation>额外 CA 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A PEM file of certificates to trust besides the system&apos;s, e.g. a TLS-inspecting proxy&apos;s. Certificates are always checked.</source>
        <translation>除系统证书外额外信任的证书所在的 PEM 文件，例如进行 TLS 检查的代理的证书。证书始终会被校验。</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>%1 of service %2</source>
        <translation>服务 %2 的 %1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Service &quot;%1&quot; has type &quot;%2&quot;, which this version of the program does not know.</source>
        <translation>服务“%1”的类型为“%2”，当前版本的程序无法识别该类型。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use the version of Integration Console that created it.</source>
        <translation>请使用创建该服务的 Integration Console 版本。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The service name must be 1 to 64 characters of letters, digits, &apos;.&apos;, &apos;-&apos; and &apos;_&apos;, starting with a letter or digit.</source>
        <translation>服务名称必须为 1 至 64 个字符，只能包含字母、数字、“.”、“-”和“_”，且必须以字母或数字开头。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For example: wecom-main</source>
        <translation>例如：wecom-main</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A service named &quot;%1&quot; already exists.</source>
        <translation>名为“%1”的服务已存在。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose another name, or change the existing service with `service set`.</source>
        <translation>请另选名称，或使用 `service set` 修改现有服务。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The name &quot;%1&quot; is too similar to the existing service &quot;%2&quot;: both would read their secrets from the same environment variables (%3*).</source>
        <translation>名称“%1”与现有服务“%2”过于相似：两者会从相同的环境变量（%3*）读取密钥。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a name that differs in more than &apos;-&apos;, &apos;.&apos; and &apos;_&apos;.</source>
        <translation>请换一个名称，不能仅在“-”、“.”和“_”上有所不同。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Service type &quot;%1&quot; has no field &quot;%2&quot;.</source>
        <translation>服务类型“%1”没有字段“%2”。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Its fields are: %1.</source>
        <translation>其字段为：%1。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is a secret and cannot be given on the command line or stored with the settings.</source>
        <translation>%1 是密钥，不能在命令行中提供，也不能与设置一起保存。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Store it with `integration-console service set-secret %1 %2`, which reads it from a hidden prompt or standard input.</source>
        <translation>请使用 `integration-console service set-secret %1 %2` 保存，该命令会通过隐藏输入提示或标准输入读取。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+233"/>
        <source>%1 (%2) %3</source>
        <translation>%1 (%2) %3</translation>
    </message>
    <message>
        <location line="-199"/>
        <source>%1 (%2) is required for a %3 service.</source>
        <translation>%3 服务必须填写 %1 (%2)。</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Unknown service type &quot;%1&quot;.</source>
        <translation>未知的服务类型“%1”。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Known types: %1.</source>
        <translation>已知类型：%1。</translation>
    </message>
    <message>
        <location line="+130"/>
        <source>&quot;%1&quot; is not a secret field of a %2 service.</source>
        <translation>“%1”不是 %2 服务的密钥字段。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Its secret fields are: %1. Other settings are changed with `service set`.</source>
        <translation>其密钥字段为：%1。其他设置请使用 `service set` 修改。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The value for %1 is empty.</source>
        <translation>%1 的值为空。</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Could not remove %1 from the keychain: %2 Remove the entry &quot;%3&quot; of &quot;Integration Console&quot; by hand.</source>
        <translation>无法从钥匙串删除 %1：%2请手动删除“Integration Console”中的条目“%3”。</translation>
    </message>
</context>
<context>
    <name>ic::sync::RunLock</name>
    <message numerus="yes">
        <location filename="../core/sync/RunLock.cpp" line="+44"/>
        <source>Wait until it has finished. If that process has died, its lock is taken over once it has sent no heartbeat for %n second(s).</source>
        <translation>
            <numerusform>请等待其完成。如果该进程已终止，在其 %n 秒未发送心跳后，其锁将被接管。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wait until it has finished, or stop that process: the database releases its lock as soon as it ends.</source>
        <translation>请等待其完成，或停止该进程：该进程一结束，数据库就会释放其锁。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A %1 sync of this service is already running in another process.</source>
        <translation>此服务的 %1 同步已在另一个进程中运行。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A %1 sync of this service is already running: run %2, process %3 on %4, since %5.</source>
        <translation>此服务的 %1 同步已在运行：运行 %2，%4 上的进程 %3，开始于 %5。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A %1 sync of this service is already running: process %2 on %3, since %4.</source>
        <translation>此服务的 %1 同步已在运行：%3 上的进程 %2，开始于 %4。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>A sync lock needs a tenant, a service and a sync type.</source>
        <translation>同步锁需要租户、服务和同步类型。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A sync lock needs the host and process of its holder.</source>
        <translation>同步锁需要持有者的主机和进程。</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>This %1 sync no longer holds its lock: another run may have started.</source>
        <translation>此 %1 同步已不再持有其锁：可能已有另一个运行开始。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The run stops here; the next run resumes from its last saved checkpoint.</source>
        <translation>此运行到此停止；下一次运行会从最后保存的检查点继续。</translation>
    </message>
</context>
<context>
    <name>ic::sync::SyncHealth</name>
    <message>
        <location filename="../core/sync/SyncHealth.cpp" line="+64"/>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failing</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>only dry runs so far</source>
        <translation>目前只有试运行</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the last run was interrupted</source>
        <translation>上次运行已中断</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the last run failed</source>
        <translation>上次运行失败</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the last run was cancelled</source>
        <translation>上次运行已取消</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the last run was partial (%1 failed)</source>
        <translation>上次运行部分成功（失败 %1 项）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the last run succeeded with %1 failed</source>
        <translation>上次运行成功，但有 %1 项失败</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>fetched nothing; the previous successful run fetched %1</source>
        <translation>未获取到任何数据；上次成功的运行获取了 %1 项</translation>
    </message>
</context>
<context>
    <name>ic::sync::SyncRunContext</name>
    <message>
        <location filename="../core/sync/SyncContext.cpp" line="+379"/>
        <source>Not deleted: %1 of %2 %3 rows (%4%) are gone at the provider, more than the %5% a sync deletes without being told. Check the provider (visible range, permissions), then run again with --allow-mass-delete if the deletions are right.</source>
        <translation>未删除：%2 行 %3 数据中有 %1 行（%4%）已在服务商处消失，超过了同步无需确认即可删除的 %5%。请检查服务商（可见范围、权限），如确认这些删除无误，请使用 --allow-mass-delete 重新运行。</translation>
    </message>
</context>
<context>
    <name>ic::sync::SyncRunner</name>
    <message>
        <location filename="../core/sync/SyncRunner.cpp" line="+159"/>
        <source>Services of type %1 cannot be synced.</source>
        <translation>类型为 %1 的服务无法同步。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unknown sync type &quot;%1&quot; for %2.</source>
        <translation>%2 的同步类型“%1”未知。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose one of: %1.</source>
        <translation>请选择以下之一：%1。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The service %1 is disabled.</source>
        <translation>服务 %1 已禁用。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enable it with: integration-console service enable %1</source>
        <translation>请使用以下命令启用：integration-console service enable %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The batch size must be between 1 and 100000.</source>
        <translation>批大小必须介于 1 和 100000 之间。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The mass-deletion share must be between 0 and 1 (0.2 = 20%).</source>
        <translation>批量删除比例必须介于 0 和 1 之间（0.2 = 20%）。</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>The secret %1 of %2 is recorded but has no value.</source>
        <translation>%2 的密钥 %1 已登记，但没有值。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store it again with: integration-console service set-secret %1 %2</source>
        <translation>请使用以下命令重新保存：integration-console service set-secret %1 %2</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>Nothing fetched for %1, where run %2 fetched %3: check the app&apos;s visible range and permissions at the provider.</source>
        <translation>%1 未获取到任何数据，而运行 %2 获取了 %3 项：请检查服务商处应用的可见范围和权限。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sync was cancelled.</source>
        <translation>同步已取消。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n item(s) failed.</source>
        <translation>
            <numerusform>%n 项失败。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../core/sync/SyncWorker.cpp" line="+38"/>
        <source>No secret store.</source>
        <translation>没有密钥存储。</translation>
    </message>
</context>
<context>
    <name>ic::ui::AppContext</name>
    <message>
        <location filename="../ui/AppContext.cpp" line="+151"/>
        <source>The sandbox could not start.</source>
        <translation>沙箱无法启动。</translation>
    </message>
</context>
<context>
    <name>ic::ui::AuditLogModel</name>
    <message>
        <location filename="../ui/logs/LogModels.cpp" line="+518"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Entity type</source>
        <translation>实体类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Entity</source>
        <translation>实体</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database user</source>
        <translation>数据库用户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Host</source>
        <translation>主机</translation>
    </message>
</context>
<context>
    <name>ic::ui::CallLogModel</name>
    <message>
        <location line="-227"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Endpoint</source>
        <translation>接口</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Errcode</source>
        <translation>Errcode</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attempt</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>#%1 (%2)</source>
        <translation>#%1（%2）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
</context>
<context>
    <name>ic::ui::ConnectionTestDialog</name>
    <message>
        <location filename="../ui/dialogs/ConnectionTestDialog.cpp" line="+45"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Connection test: %1</source>
        <translation>连接测试：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Test in progress</source>
        <translation>正在测试</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Steps of the connection test</source>
        <translation>连接测试的步骤</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Details of the selected step</source>
        <translation>所选步骤的详情</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Copy as text</source>
        <translation>复制为文本(&amp;C)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the report as text</source>
        <translation>将报告复制为文本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Puts the whole report on the clipboard, e.g. for a support ticket</source>
        <translation>将完整报告复制到剪贴板，例如用于提交支持工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Test again</source>
        <translation>重新测试(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test again</source>
        <translation>重新测试</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Not connected to a database.</source>
        <translation>未连接数据库。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Testing %1… the steps appear as they finish.</source>
        <translation>正在测试 %1…各步骤完成后将依次显示。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>%1 (optional)</source>
        <translation>%1（可选）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+83"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>What to do</source>
        <translation>处理建议</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The test could not run: %1</source>
        <translation>无法运行测试：%1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 (%2 steps in %3)</source>
        <translation>%1（%2 个步骤，耗时 %3）</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>What to do: %1</source>
        <translation>处理建议：%1</translation>
    </message>
</context>
<context>
    <name>ic::ui::ContactTagTableModel</name>
    <message>
        <location filename="../ui/models/DataModels.cpp" line="+516"/>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Group</source>
        <translation>标签组</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Tag ID: %1</source>
        <translation>标签 ID：%1</translation>
    </message>
</context>
<context>
    <name>ic::ui::CustomerTableModel</name>
    <message>
        <location line="-187"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Corp</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Followers</source>
        <translation>跟进人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>WeCom</source>
        <translation>企业微信</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>ic::ui::DataModels</name>
    <message>
        <location line="-421"/>
        <source>Active</source>
        <translation>已激活</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Disabled</source>
        <translation>已禁用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not activated</source>
        <translation>未激活</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Left</source>
        <translation>已退出企业</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+14"/>
        <source>Unknown (%1)</source>
        <translation>未知（%1）</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Corp tag</source>
        <translation>企业标签</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Personal tag</source>
        <translation>个人标签</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rule tag</source>
        <translation>规则组标签</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Synced</source>
        <translation>同步时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not stamped by a sync</source>
        <translation>未经同步写入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Synced %1 (%2 UTC)</source>
        <translation>同步于 %1（%2 UTC）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Run #%1</source>
        <translation>运行 #%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Written by sync run #%1. Click to open the logs.</source>
        <translation>由同步运行 #%1 写入。点击打开日志。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opens the logs, where run #%1 is listed.</source>
        <translation>打开日志，其中列出了运行 #%1。</translation>
    </message>
    <message>
        <location line="+470"/>
        <source>Unknown source</source>
        <translation>未知来源</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scanned a QR code</source>
        <translation>扫描二维码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Searched a mobile number</source>
        <translation>搜索手机号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shared contact card</source>
        <translation>名片分享</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Group chat</source>
        <translation>群聊</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phone contacts</source>
        <translation>手机通讯录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WeChat contacts</source>
        <translation>微信联系人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customer service of a third-party app</source>
        <translation>第三方应用的客服人员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Searched an e-mail address</source>
        <translation>搜索邮箱</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WeChat Channels</source>
        <translation>视频号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customer acquisition link</source>
        <translation>获客链接</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shared by a colleague</source>
        <translation>内部成员共享</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Assigned by an administrator</source>
        <translation>管理员分配</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Other (%1)</source>
        <translation>其他（%1）</translation>
    </message>
</context>
<context>
    <name>ic::ui::DataPage</name>
    <message>
        <location filename="../ui/pages/DataPage.cpp" line="+85"/>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Service:</source>
        <translation>服务(&amp;S)：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Staff of the selected department</source>
        <translation>所选部门的成员</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Search customers</source>
        <translation>搜索客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search customers by name, remark, tag or follower</source>
        <translation>按名称、备注、标签或跟进人搜索客户</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search in</source>
        <translation>搜索范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All fields</source>
        <translation>所有字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remark</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follower</source>
        <translation>跟进人</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>S&amp;earch:</source>
        <translation>搜索(&amp;E)：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Follow relations of the selected customer</source>
        <translation>所选客户的跟进关系</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tags of the selected follow relation</source>
        <translation>所选跟进关系的标签</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Mirrored data</source>
        <translation>镜像数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Organisation</source>
        <translation>组织架构(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Customers</source>
        <translation>客户(&amp;C)</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+105"/>
        <source>Not connected to a database.</source>
        <translation>未连接数据库。</translation>
    </message>
    <message>
        <location line="-99"/>
        <source>The services cannot be read: %1</source>
        <translation>无法读取服务：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No service is configured yet: add one on the Services page, then run a sync.</source>
        <translation>尚未配置任何服务：请在“服务”页添加服务，然后运行同步。</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>No departments have been synced for this service yet.</source>
        <translation>此服务尚未同步任何部门。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a department to see its staff.</source>
        <translation>选择一个部门以查看其成员。</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%1: %n member(s) of staff</source>
        <translation>
            <numerusform>%1：%n 名成员</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>(the first %n are shown)</source>
        <translation>
            <numerusform>（仅显示前 %n 名）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+53"/>
        <source>No customers synced</source>
        <translation>尚未同步任何客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No customer matches</source>
        <translation>没有匹配的客户</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n 个客户</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n customer(s) shown, more as you scroll</source>
        <translation>
            <numerusform>已显示 %n 个客户，滚动可加载更多</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Select a customer to see its follow relations and tags.</source>
        <translation>选择一个客户以查看其跟进关系和标签。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This customer is no longer in the mirror.</source>
        <translation>此客户已不在镜像数据中。</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n follow relation(s)</source>
        <translation>
            <numerusform>%n 条跟进关系</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::ui::DepartmentTreeModel</name>
    <message numerus="yes">
        <location filename="../ui/models/DataModels.cpp" line="-362"/>
        <source>%n member(s) of staff directly in this department</source>
        <translation>
            <numerusform>此部门的直属成员 %n 名</numerusform>
        </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Staff</source>
        <translation>成员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
</context>
<context>
    <name>ic::ui::FollowRelationTableModel</name>
    <message>
        <location line="+208"/>
        <source>Follower</source>
        <translation>跟进人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remark</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Added by</source>
        <translation>添加方式</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>This member of staff is not in the mirrored organisation.</source>
        <translation>此成员不在已镜像的组织架构中。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+12"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>WeCom add_way %1</source>
        <translation>企业微信 add_way %1</translation>
    </message>
</context>
<context>
    <name>ic::ui::Format</name>
    <message>
        <location filename="../ui/Format.cpp" line="+8"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n min ago</source>
        <translation>
            <numerusform>%n 分钟前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n h ago</source>
        <translation>
            <numerusform>%n 小时前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n 天前</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::ui::LogExportWriter</name>
    <message>
        <location filename="../ui/logs/LogExport.cpp" line="+78"/>
        <location line="+16"/>
        <source>The export file cannot be written.</source>
        <translation>无法写入导出文件。</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>The export file cannot be created.</source>
        <translation>无法创建导出文件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a folder you can write to.</source>
        <translation>请选择有写入权限的目录。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>The export file cannot be saved.</source>
        <translation>无法保存导出文件。</translation>
    </message>
    <message>
        <location filename="../ui/logs/LogModels.h" line="+216"/>
        <source>The export was cancelled.</source>
        <translation>导出已取消。</translation>
    </message>
</context>
<context>
    <name>ic::ui::LogsPage</name>
    <message>
        <location filename="../ui/pages/LogsPage.cpp" line="+63"/>
        <location line="+709"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <location line="-706"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <location line="+47"/>
        <location line="+70"/>
        <source>Logs</source>
        <translation>日志</translation>
    </message>
    <message>
        <location line="-69"/>
        <location line="+225"/>
        <source>Sync runs</source>
        <translation>同步运行</translation>
    </message>
    <message>
        <location line="-224"/>
        <location line="+290"/>
        <source>API calls</source>
        <translation>API 调用</translation>
    </message>
    <message>
        <location line="-289"/>
        <source>Audit</source>
        <translation>审计</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export the filtered rows as CSV</source>
        <translation>将筛选出的行导出为 CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every row that matches the filters, not only the loaded ones (UTF-8 for Excel)</source>
        <translation>导出所有符合筛选条件的行，而不仅是已加载的行（UTF-8 编码，适用于 Excel）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export JSON…</source>
        <translation>导出 JSON…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export the filtered rows as JSON</source>
        <translation>将筛选出的行导出为 JSON</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every row that matches the filters, not only the loaded ones</source>
        <translation>导出所有符合筛选条件的行，而不仅是已加载的行</translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>%n row(s) exported.</source>
        <translation>
            <numerusform>已导出 %n 行。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <location line="+78"/>
        <location line="+527"/>
        <location line="+104"/>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <location line="-630"/>
        <location line="+339"/>
        <source>All services</source>
        <translation>所有服务</translation>
    </message>
    <message>
        <location line="-291"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From time</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To time</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Sync type</source>
        <translation>同步类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All types</source>
        <translation>所有类型</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Run status</source>
        <translation>运行状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All statuses</source>
        <translation>所有状态</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Error or host contains…</source>
        <translation>错误或主机包含…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text in the error or host</source>
        <translation>错误或主机中的文本</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+66"/>
        <location line="+392"/>
        <location line="+86"/>
        <source>Correlation id</source>
        <translation>关联 ID</translation>
    </message>
    <message>
        <location line="-543"/>
        <location line="+66"/>
        <source>Run id</source>
        <translation>运行 ID</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>Details of the selected run</source>
        <translation>所选运行的详情</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+465"/>
        <location line="+7"/>
        <source>Show its calls</source>
        <translation>显示其调用</translation>
    </message>
    <message>
        <location line="-470"/>
        <source>Show the API calls of the selected run</source>
        <translation>显示所选运行的 API 调用</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Call result</source>
        <translation>调用结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All results</source>
        <translation>所有结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+490"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="-487"/>
        <source>Endpoint contains…</source>
        <translation>接口包含…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text in the endpoint</source>
        <translation>接口中的文本</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Details of the selected call</source>
        <translation>所选调用的详情</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Entity type</source>
        <translation>实体类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All entity types</source>
        <translation>所有实体类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service configuration</source>
        <translation>服务配置</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+505"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="-504"/>
        <source>All actions</source>
        <translation>所有操作</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Entity, user or host contains…</source>
        <translation>实体、用户或主机包含…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text in the entity, user or host</source>
        <translation>实体、用户或主机中的文本</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Details of the selected audit entry</source>
        <translation>所选审计条目的详情</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>The services cannot be read: %1</source>
        <translation>无法读取服务：%1</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>The log cannot be read: %1</source>
        <translation>无法读取日志：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n row(s) shown; scroll down for more.</source>
        <translation>
            <numerusform>已显示 %n 行；向下滚动可加载更多。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n row(s).</source>
        <translation>
            <numerusform>共 %n 行。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+121"/>
        <source>Select a call to see its details.</source>
        <translation>选择一个调用以查看其详情。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Call</source>
        <translation>调用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HTTP status</source>
        <translation>HTTP 状态码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no answer</source>
        <translation>无响应</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Requested at</source>
        <translation>请求时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Answered at</source>
        <translation>响应时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+101"/>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <location line="-100"/>
        <source>Attempt</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Errcode</source>
        <translation>Errcode</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What to do</source>
        <translation>处理建议</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+74"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="-71"/>
        <source>%1 bytes, shortened when stored</source>
        <translation>%1 字节，存储时已截断</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Request size</source>
        <translation>请求大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Response size</source>
        <translation>响应大小</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Request (redacted)</source>
        <translation>请求（已脱敏）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <location line="+154"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="-155"/>
        <source>Response (redacted)</source>
        <translation>响应（已脱敏）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Select a run to see its details.</source>
        <translation>选择一个运行以查看其详情。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loading run %1…</source>
        <translation>正在加载运行 %1…</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The run no longer exists.</source>
        <translation>该运行已不存在。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1, dry run</source>
        <translation>%1，试运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trigger</source>
        <translation>触发方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+12"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finished</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+82"/>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <location line="-82"/>
        <source>%1 (process %2)</source>
        <translation>%1（进程 %2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+82"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>Error summary</source>
        <translation>错误摘要</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Counts per entity</source>
        <translation>各实体的计数</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+71"/>
        <source>Entity</source>
        <translation>实体</translation>
    </message>
    <message>
        <location line="-71"/>
        <source>Fetched</source>
        <translation>获取</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Created</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Whole run</source>
        <translation>整个运行</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Errors (%1 of %2 shown)</source>
        <translation>错误（显示 %2 个中的 %1 个）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>errcode %1</source>
        <translation>errcode %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show its calls (%1)</source>
        <translation>显示其调用（%1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>API calls: %1, %2 failed</source>
        <translation>API 调用：%1 次，失败 %2 次</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 %2: %3 calls, %4 failed</source>
        <translation>%1 %2：调用 %3 次，失败 %4 次</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Select an entry to see its details.</source>
        <translation>选择一个条目以查看其详情。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database user</source>
        <translation>数据库用户</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Before</source>
        <translation>变更前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After</source>
        <translation>变更后</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Not connected to a database.</source>
        <translation>未连接数据库。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exporting to %1…</source>
        <translation>正在导出到 %1…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Export the filtered rows</source>
        <translation>导出筛选出的行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
</context>
<context>
    <name>ic::ui::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="+128"/>
        <source>Integration Console</source>
        <translation>集成控制台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the console page to show</source>
        <translation>选择要显示的控制台页面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page</source>
        <translation>页面</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1（Ctrl+%2）</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The window changes its language when the running work ends.</source>
        <translation>窗口将在正在进行的工作结束后切换语言。</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>The integration database cannot be used</source>
        <translation>无法使用集成数据库</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Retry</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Database &amp;settings...</source>
        <translation>数据库设置(&amp;S)...</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Detail: %1</source>
        <translation>详情：%1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database: not connected</source>
        <translation>数据库：未连接</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database: connecting...</source>
        <translation>数据库：正在连接...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tenant: %1</source>
        <translation>租户：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keychain: available</source>
        <translation>钥匙串：可用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keychain: unavailable</source>
        <translation>钥匙串：不可用</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No sync running</source>
        <translation>没有正在运行的同步</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n sync(s) running</source>
        <translation>
            <numerusform>%n 个同步正在运行</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::ui::OverviewPage</name>
    <message>
        <location filename="../ui/pages/OverviewPage.cpp" line="+54"/>
        <source>Services and their syncs</source>
        <translation>服务及其同步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Service / sync type</source>
        <translation>服务 / 同步类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last run</source>
        <translation>上次运行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Counts</source>
        <translation>计数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last success</source>
        <translation>上次成功</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Not connected to a database.</source>
        <translation>未连接数据库。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The services cannot be read: %1</source>
        <translation>无法读取服务：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>disabled</source>
        <translation>已禁用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>last tested %1</source>
        <translation>上次测试于 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>never tested</source>
        <translation>从未测试</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 fetched, %2 changed</source>
        <translation>获取 %1，变更 %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n service(s) configured.</source>
        <translation>
            <numerusform>已配置 %n 个服务。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n sync type(s) failing,</source>
        <translation>
            <numerusform>%n 个同步类型失败，</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n with warnings.</source>
        <translation>
            <numerusform>%n 个有警告。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ic::ui::RunChart</name>
    <message>
        <location filename="../ui/widgets/RunChart.cpp" line="+31"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pending</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Success</source>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Partial</source>
        <translation>部分成功</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Recent runs</source>
        <translation>最近的运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bars: duration of each of the last 20 runs, coloured by status; line: rows changed</source>
        <translation>柱：最近 20 次运行各自的耗时，颜色表示状态；折线：变更的行数</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>No runs yet</source>
        <translation>尚无运行</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>max %1</source>
        <translation>最长 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 rows changed at most</source>
        <translation>最多变更 %1 行</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Run %1 (%2%3): %4</source>
        <translation>运行 %1（%2%3）：%4</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, dry run</source>
        <translation>，试运行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Duration: %1</source>
        <translation>耗时：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed rows: %1</source>
        <translation>变更行数：%1</translation>
    </message>
</context>
<context>
    <name>ic::ui::ServiceEditorDialog</name>
    <message>
        <location filename="../ui/dialogs/ServiceEditorDialog.cpp" line="+110"/>
        <location line="+566"/>
        <source>is required</source>
        <translation>为必填项</translation>
    </message>
    <message>
        <location line="-563"/>
        <source>must be 1 to 64 letters, digits, &apos;.&apos;, &apos;-&apos; and &apos;_&apos;, starting with a letter or digit</source>
        <translation>必须为 1 至 64 个字母、数字、“.”、“-”和“_”，且以字母或数字开头</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>at least %1</source>
        <translation>至少 %1</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Add service</source>
        <translation>添加服务</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Edit service &quot;%1&quot;</source>
        <translation>编辑服务“%1”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Duplicate service &quot;%1&quot;</source>
        <translation>复制服务“%1”</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Settings of the service</source>
        <translation>服务的设置</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Why the service cannot be saved yet</source>
        <translation>服务暂时无法保存的原因</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Why the last save failed</source>
        <translation>上次保存失败的原因</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose another type</source>
        <translation>选择其他类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Next &gt;</source>
        <translation>下一步(&amp;N) &gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Which kind of service do you want to add? The settings it needs depend on it.</source>
        <translation>要添加哪种服务？所需的设置取决于服务类型。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Service type</source>
        <translation>服务类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the kind of service to add, then Next</source>
        <translation>选择要添加的服务类型，然后点击“下一步”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>This version of the program does not know the type &quot;%1&quot;, so the service cannot be edited here.</source>
        <translation>当前版本的程序无法识别类型“%1”，因此无法在此编辑该服务。</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How the service is called in the console, the command line and the logs, e.g. wecom-main. It cannot be changed later (duplicate the service to rename it).</source>
        <translation>服务在控制台、命令行和日志中的名称，例如 wecom-main。名称以后无法更改（如需重命名，请复制该服务）。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 settings</source>
        <translation>%1 设置</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Secrets</source>
        <translation>密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secrets are kept in the OS keychain; the database holds only a reference to them. A field starts empty: type a value to store or replace it, leave it empty to keep what is stored.</source>
        <translation>密钥保存在系统钥匙串中，数据库只保存对密钥的引用。字段初始为空：输入值即可保存或替换，留空则保留已保存的值。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A duplicate does not copy the secrets: type them again.</source>
        <translation>复制服务不会复制密钥：请重新输入。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Timeouts, retries, rate limit and failover</source>
        <translation>超时、重试、限流与故障切换</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Calls and failover</source>
        <translation>调用与故障切换</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(default: %1)</source>
        <translation>（默认：%1）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>default; or %1</source>
        <translation>默认；或 %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Problem with %1</source>
        <translation>%1 有问题</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Where to find %1</source>
        <translation>%1 的获取位置</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 *:</source>
        <translation>%1 *：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Stored; type a new value to replace it</source>
        <translation>已保存；输入新值可替换</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not stored; type the value to store it</source>
        <translation>未保存；输入值即可保存</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+132"/>
        <source>Reveal</source>
        <translation>显示</translation>
    </message>
    <message>
        <location line="-129"/>
        <source>Reveal the stored %1</source>
        <translation>显示已保存的 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reads the stored value from the keychain and shows it while pressed</source>
        <translation>从钥匙串读取已保存的值，按住时显示</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Stored %1</source>
        <translation>已保存的 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Set by the environment variable %1, which takes precedence over the keychain.</source>
        <translation>由环境变量 %1 设置，其优先级高于钥匙串。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>✔ A value is stored in the keychain.</source>
        <translation>✔ 钥匙串中已保存值。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No value is stored.</source>
        <translation>未保存任何值。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Whether %1 is stored</source>
        <translation>%1 是否已保存</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Choose the type of the service.</source>
        <translation>请选择服务类型。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Save is not possible yet:</source>
        <translation>暂时无法保存：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reading the keychain…</source>
        <translation>正在读取钥匙串…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot read it: %1 %2</source>
        <translation>无法读取：%1 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing is stored for it.</source>
        <translation>未保存任何值。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Not connected to a database.</source>
        <translation>未连接数据库。</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The settings were put back as they were; these secrets were already replaced in the keychain: %1.</source>
        <translation>设置已恢复原状；以下密钥已在钥匙串中被替换：%1。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>ic::ui::ServiceStatus</name>
    <message>
        <location filename="../ui/StatusStyle.cpp" line="+23"/>
        <source>Active</source>
        <translation>活动</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+44"/>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>Inactive</source>
        <translation>未活动</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Disabled</source>
        <translation>已禁用</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Passed: the connection works.</source>
        <translation>通过：连接正常。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Passed with warnings: the connection works; read the warnings below.</source>
        <translation>通过但有警告：连接正常；请查看下方的警告。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Failed: fix the failed steps below and test again.</source>
        <translation>失败：请修复下方失败的步骤后重新测试。</translation>
    </message>
</context>
<context>
    <name>ic::ui::ServiceTableModel</name>
    <message>
        <location filename="../ui/models/ServiceTableModel.cpp" line="+15"/>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>passed with warnings</source>
        <translation>通过（有警告）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+97"/>
        <location line="+52"/>
        <source>Enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>Disabled</source>
        <translation>已禁用</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Never tested</source>
        <translation>从未测试</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Disabled: syncs of this service are refused until it is enabled again. Last status: %1.</source>
        <translation>已禁用：重新启用之前，此服务的同步将被拒绝。上次状态：%1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run &quot;Test connection&quot; to check the configuration.</source>
        <translation>请运行“测试连接”以检查配置。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last test</source>
        <translation>上次测试</translation>
    </message>
</context>
<context>
    <name>ic::ui::ServicesPage</name>
    <message>
        <location filename="../ui/pages/ServicesPage.cpp" line="+49"/>
        <source>&amp;Add service…</source>
        <translation>添加服务(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>D&amp;uplicate…</source>
        <translation>复制(&amp;U)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+229"/>
        <source>Disa&amp;ble</source>
        <translation>禁用(&amp;B)</translation>
    </message>
    <message>
        <location line="-227"/>
        <source>&amp;Remove…</source>
        <translation>删除(&amp;R)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Service actions</source>
        <translation>服务操作</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Filter by name, type, status…</source>
        <translation>按名称、类型、状态筛选…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter services</source>
        <translation>筛选服务</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Configured services</source>
        <translation>已配置的服务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter or F2 edits the selected service, Delete removes it, Ctrl+T tests its connection</source>
        <translation>按 Enter 或 F2 编辑所选服务，按 Delete 删除，按 Ctrl+T 测试其连接</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>No service is configured yet. Add one with &quot;Add service&quot; (Ctrl+N): WeCom, DingTalk and more. Every value the editor asks for comes with where to find it.</source>
        <translation>尚未配置任何服务。请使用“添加服务”（Ctrl+N）添加：企业微信、钉钉等。编辑器要求填写的每个值都附有获取位置说明。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Result of the last action</source>
        <translation>上次操作的结果</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Services</source>
        <translation>服务</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+89"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>The services cannot be read: %1 %2</source>
        <translation>无法读取服务：%1 %2</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Ena&amp;ble</source>
        <translation>启用(&amp;B)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Disable the service: its syncs are refused</source>
        <translation>禁用服务：其同步将被拒绝</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enable the service</source>
        <translation>启用服务</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Service &quot;%1&quot; added. Test its connection (Ctrl+T) to check the settings.</source>
        <translation>已添加服务“%1”。请测试其连接（Ctrl+T）以检查设置。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Service &quot;%1&quot; saved.</source>
        <translation>已保存服务“%1”。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Service &quot;%1&quot; added as a copy. Its secrets were not copied.</source>
        <translation>已将服务“%1”添加为副本。其密钥未被复制。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Not changed: %1 %2</source>
        <translation>未更改：%1 %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Service &quot;%1&quot; enabled.</source>
        <translation>服务“%1”已启用。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service &quot;%1&quot; disabled: its syncs are refused until it is enabled again.</source>
        <translation>服务“%1”已禁用：重新启用之前，其同步将被拒绝。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Remove service</source>
        <translation>删除服务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove the service &quot;%1&quot;?</source>
        <translation>删除服务“%1”？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Its configuration and its connection test results are deleted, and its secrets are removed from the keychain. This cannot be undone.</source>
        <translation>其配置和连接测试结果将被删除，其密钥将从钥匙串中移除。此操作无法撤销。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove &quot;%1&quot;</source>
        <translation>删除“%1”</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Removing &quot;%1&quot;…</source>
        <translation>正在删除“%1”…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&quot;%1&quot; was not removed: %2 %3</source>
        <translation>“%1”未删除：%2 %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Service &quot;%1&quot; removed, with its secrets.</source>
        <translation>已删除服务“%1”及其密钥。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Service &quot;%1&quot; removed. %2</source>
        <translation>已删除服务“%1”。%2</translation>
    </message>
</context>
<context>
    <name>ic::ui::SettingsPage</name>
    <message>
        <location filename="../ui/pages/SettingsPage.cpp" line="+82"/>
        <source>Enter the password and try again: it is kept in the keychain.</source>
        <translation>请输入密码后重试：密码保存在钥匙串中。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Detail: %1</source>
        <translation>详情：%1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Database kind</source>
        <translation>数据库类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SQLite (a file on this computer)</source>
        <translation>SQLite（本机上的文件）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>SQLite file</source>
        <translation>SQLite 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Browse...</source>
        <translation>浏览(&amp;B)...</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SQLite database file</source>
        <translation>SQLite 数据库文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SQLite databases (*.db *.sqlite);;All files (*)</source>
        <translation>SQLite 数据库 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Server host</source>
        <translation>服务器主机</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Server port</source>
        <translation>服务器端口</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Database name</source>
        <translation>数据库名</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unchanged (kept in the keychain)</source>
        <translation>不变（保存在钥匙串中）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stored in the keychain when you press Test, Migrate or Use; never in a settings file.</source>
        <translation>按“测试”“迁移”或“使用”时保存到钥匙串；绝不写入设置文件。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;ort:</source>
        <translation>端口(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User:</source>
        <translation>用户(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Database:</source>
        <translation>数据库(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Database URL</source>
        <translation>数据库 URL</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Test</source>
        <translation>测试(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connect and check the schema; changes nothing</source>
        <translation>连接并检查表结构；不做任何更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Migrate...</source>
        <translation>迁移(&amp;M)...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create or upgrade the schema of this database</source>
        <translation>创建或升级此数据库的表结构</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>U&amp;se this database</source>
        <translation>使用此数据库(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Switch the window to this database and open it at the next start too</source>
        <translation>窗口切换到此数据库，下次启动时也打开它</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Integration database</source>
        <translation>集成数据库</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>In use:</source>
        <translation>当前使用：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;URL:</source>
        <translation>URL(&amp;U)：</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+8"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The window changes its language at once; while a sync or a database action runs, when it ends. Command-line output follows the system language.</source>
        <translation>窗口立即切换语言；如有同步或数据库操作正在进行，则在其结束后切换。命令行输出跟随系统语言。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Migrate the database?</source>
        <translation>迁移数据库？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create or upgrade the schema of %1 to this program&apos;s version?</source>
        <translation>将 %1 的表结构创建或升级到本程序的版本？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Back up a shared database first: other installations of an older version cannot use it afterwards.</source>
        <translation>请先备份共享数据库：迁移后，其他安装的旧版本将无法使用它。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 (connected)</source>
        <translation>%1（已连接）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (cannot be used: %2)</source>
        <translation>%1（无法使用：%2）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (connecting...)</source>
        <translation>%1（正在连接...）</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>Migrating %1...</source>
        <translation>正在迁移 %1...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connecting to %1...</source>
        <translation>正在连接 %1...</translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>Applied %n migration(s).</source>
        <translation>
            <numerusform>已执行 %n 个迁移。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing to migrate.</source>
        <translation>无需迁移。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The schema (version %1) is newer than this program (version %2): update the program.</source>
        <translation>表结构（版本 %1）比本程序（版本 %2）新：请升级程序。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Connected. The schema is up to date (version %1).</source>
        <translation>已连接。表结构是最新的（版本 %1）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connected. The database is empty: Migrate creates the schema (version %1).</source>
        <translation>已连接。数据库为空：“迁移”将创建表结构（版本 %1）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connected. The schema needs a migration (version %1 of %2): press Migrate.</source>
        <translation>已连接。表结构需要迁移（版本 %1，最新 %2）：请点击“迁移”。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Switching...</source>
        <translation>正在切换...</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Now using %1. The window opens it at the next start too.</source>
        <translation>正在使用 %1。下次启动窗口时也会打开它。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The database cannot be used.</source>
        <translation>无法使用该数据库。</translation>
    </message>
</context>
<context>
    <name>ic::ui::StaffTableModel</name>
    <message>
        <location filename="../ui/models/DataModels.cpp" line="-187"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>User ID</source>
        <translation>UserID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+36"/>
        <source>Leader</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Alias: %1</source>
        <translation>别名：%1</translation>
    </message>
</context>
<context>
    <name>ic::ui::SyncPage</name>
    <message>
        <location filename="../ui/pages/SyncPage.cpp" line="+38"/>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Staff</source>
        <translation>成员</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Everything (full)</source>
        <translation>全部（完整）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>full</source>
        <translation>全量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>incremental</source>
        <translation>增量</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 fetched, %2 created, %3 updated, %4 deleted, %5 unchanged</source>
        <translation>获取 %1，新增 %2，更新 %3，删除 %4，未变 %5</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, %1 failed</source>
        <translation>，失败 %1</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>&amp;Service:</source>
        <translation>服务(&amp;S)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Service to sync</source>
        <translation>要同步的服务</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Not connected to a database.</source>
        <translation>未连接数据库。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The services cannot be read: %1</source>
        <translation>无法读取服务：%1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 sync</source>
        <translation>%1同步</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Run &amp;incremental</source>
        <translation>增量运行(&amp;I)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fetch, compare and write only what is new or changed</source>
        <translation>获取并比较，只写入新增或变更的数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run &amp;full</source>
        <translation>全量运行(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rewrite every row whatever its hash; repairs drift</source>
        <translation>无论哈希如何都重写每一行；可修复偏差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Dry run</source>
        <translation>试运行(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fetch and compare, write nothing, and show what a real run would change</source>
        <translation>获取并比较，不写入任何数据，显示实际运行将做的更改</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Sync progress</source>
        <translation>同步进度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>No service with a sync is configured: add one on the Services page.</source>
        <translation>尚未配置可同步的服务：请在“服务”页添加。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>This service is disabled: enable it on the Services page to sync.</source>
        <translation>此服务已停用：请在“服务”页启用后再同步。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Never run</source>
        <translation>从未运行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No run yet.</source>
        <translation>尚无运行。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 (dry run)</source>
        <translation>%1（试运行）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last run: %1</source>
        <translation>上次运行：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last run %1, %2 (%3, %4)</source>
        <translation>上次运行 %1，%2（%3，%4）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Took %1</source>
        <translation>耗时 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Running for %1</source>
        <translation>已运行 %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Last success %1.</source>
        <translation>上次成功：%1。</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Dry run starting...</source>
        <translation>试运行正在开始...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 sync starting...</source>
        <translation>%1同步正在开始...</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Cancelling: the run stops at its next safe point...</source>
        <translation>正在取消：运行将在下一个安全点停止...</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Step: %1</source>
        <translation>步骤：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>entity: %1</source>
        <translation>实体：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n 页</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 rows</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 rows/s</source>
        <translation>%1 行/秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ETA %1</source>
        <translation>预计剩余 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ETA unknown</source>
        <translation>剩余时间未知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>elapsed %1</source>
        <translation>已用 %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Run %1 (%2%3) ended %4 after %5.</source>
        <translation>运行 %1（%2%3）结束：%4，耗时 %5。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, dry run</source>
        <translation>，试运行</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The sync could not run: %1</source>
        <translation>同步无法运行：%1</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Apply the deletions?</source>
        <translation>执行这些删除？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The run held back deletions because more rows are gone at the provider than a sync deletes without asking. Apply the deletions?</source>
        <translation>服务商处消失的行数超过了同步可直接删除的比例，因此本次运行暂缓了删除。要执行这些删除吗？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Check the provider first (the app&apos;s visible range, permissions): if rows are missing there by mistake, deleting them here loses their history.</source>
        <translation>请先检查服务商（应用的可见范围、权限）：如果那里的数据是误缺失的，在这里删除会丢失它们的历史。</translation>
    </message>
</context>
<context>
    <name>ic::ui::SyncPlanDialog</name>
    <message>
        <location filename="../ui/dialogs/SyncPlanDialog.cpp" line="+23"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>... and %1 more</source>
        <translation>……另有 %1 条</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Staff</source>
        <translation>成员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Staff in departments</source>
        <translation>成员所属部门</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tag groups</source>
        <translation>标签组</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Follow relations</source>
        <translation>跟进关系</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customer tags</source>
        <translation>客户标签</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Dry run of the %1 sync (%2): what a real run would change</source>
        <translation>%1 同步的试运行（%2）：实际运行将做的更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>full</source>
        <translation>全量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>incremental</source>
        <translation>增量</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing has been written yet. A real run would create %1, update %2 and delete %3 row(s) (%4 fetched, %5 unchanged).</source>
        <translation>尚未写入任何数据。实际运行将新增 %1 行、更新 %2 行、删除 %3 行（获取 %4，未变 %5）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Planned changes per entity</source>
        <translation>各实体的计划更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entity / row</source>
        <translation>实体 / 行</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+17"/>
        <source>Create</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+18"/>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <location line="-18"/>
        <location line="+19"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Apply</source>
        <translation>执行(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run the real sync now</source>
        <translation>现在运行实际同步</translation>
    </message>
</context>
<context>
    <name>ic::ui::SyncRunModel</name>
    <message>
        <location filename="../ui/logs/LogModels.cpp" line="+37"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trigger</source>
        <translation>触发方式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Counts</source>
        <translation>计数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error summary</source>
        <translation>错误摘要</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (dry run)</source>
        <translation>%1（试运行）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 fetched, %2 created, %3 updated, %4 deleted, %5 failed</source>
        <translation>获取 %1，新增 %2，更新 %3，删除 %4，失败 %5</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="+50"/>
        <source>This build of Integration Console has no window; give a command.</source>
        <translation>此版本的 Integration Console 不含窗口界面，请指定命令。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Integration Console</source>
        <translation>集成控制台</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The integration database URL.</source>
        <translation>集成数据库 URL。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Whose data to use (default: default).</source>
        <translation>要使用其数据的租户（默认：default）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start a sandbox WeCom corp in this process and configure a service for it, to try the console without credentials.</source>
        <translation>在本进程中启动企业微信沙箱模拟企业并为其配置服务，无需凭据即可试用控制台。</translation>
    </message>
</context>
</TS>
