// Callback events: the XML WeCom sends for console-side changes (wecom-api.md §8), encrypted and posted the
// way WeCom posts them (§7.3).

#include "sandbox/ServerParts.h"

#include "connectors/wecom/WeComCrypto.h"

#include <httplib.h>

#include <QString>

namespace ic::sandbox::detail {

namespace {

void cdata(std::string &out, std::string_view name, std::string_view value)
{
    out.append("<").append(name).append("><![CDATA[");
    // "]]>" cannot appear inside CDATA: close and reopen around it.
    std::size_t pos = 0;
    while (true) {
        const auto end = value.find("]]>", pos);
        if (end == std::string_view::npos) {
            out.append(value.substr(pos));
            break;
        }
        out.append(value.substr(pos, end - pos)).append("]]]]><![CDATA[>");
        pos = end + 3;
    }
    out.append("]]></").append(name).append(">");
}

void number(std::string &out, std::string_view name, std::int64_t value)
{
    out.append("<").append(name).append(">").append(std::to_string(value)).append("</").append(name).append(">");
}

template<typename T>
std::string joined(const std::vector<T> &items)
{
    std::string out;
    for (const auto &item : items) {
        if (!out.empty()) {
            out.push_back(',');
        }
        if constexpr (std::is_same_v<T, std::string>) {
            out.append(item);
        } else {
            out.append(std::to_string(item));
        }
    }
    return out;
}

struct ParsedUrl {
    std::string schemeHostPort;
    std::string path;
};

ParsedUrl splitUrl(const std::string &url)
{
    const auto scheme = url.find("://");
    const auto pathStart = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    if (pathStart == std::string::npos) {
        return {url, "/"};
    }
    return {url.substr(0, pathStart), url.substr(pathStart)};
}

} // namespace

std::string eventXml(const ChangeEvent &event, const SandboxCorp &corp, bool idOnly, std::int64_t createTime)
{
    std::string out = "<xml>";
    cdata(out, "ToUserName", corp.credentials().corpId);
    cdata(out, "FromUserName", "sys");
    number(out, "CreateTime", createTime);
    cdata(out, "MsgType", "event");
    cdata(out, "Event", event.event);
    cdata(out, "ChangeType", event.changeType);
    const bool removal = event.changeType.rfind("delete", 0) == 0 || event.changeType.rfind("del_", 0) == 0;
    if (event.event == "change_contact") {
        if (event.departmentId != 0) {
            number(out, "Id", event.departmentId);
            const Department *d = corp.department(event.departmentId);
            if (!idOnly && !removal && d) {
                cdata(out, "Name", d->name);
                cdata(out, "ParentId", std::to_string(d->parentId));
                number(out, "Order", d->order);
            }
        } else {
            cdata(out, "UserID", event.userid);
            const Staff *s = corp.staffMember(event.userid);
            if (s) {
                // Since 2022-08-15 only UserID and Department are sent for new callback URLs (§8.1).
                cdata(out, "Department", joined(s->departments));
                if (!idOnly && !removal) {
                    cdata(out, "Name", s->name);
                    number(out, "MainDepartment", s->mainDepartment);
                    cdata(out, "IsLeaderInDept", joined(s->isLeaderInDepartments));
                    cdata(out, "DirectLeader", joined(s->directLeaders));
                    cdata(out, "Position", s->position);
                    cdata(out, "Mobile", s->mobile);
                    number(out, "Gender", std::atoi(s->gender.c_str()));
                    cdata(out, "Email", s->email);
                    cdata(out, "BizMail", s->bizMail);
                    number(out, "Status", s->status);
                    cdata(out, "Avatar", s->avatar);
                    cdata(out, "Alias", s->alias);
                    cdata(out, "Telephone", s->telephone);
                    cdata(out, "Address", s->address);
                }
            }
        }
    } else if (event.event == "change_external_tag") {
        cdata(out, "Id", event.tagId);
        cdata(out, "TagType", event.tagType.empty() ? std::string("tag") : event.tagType);
    } else {
        if (!event.userid.empty()) {
            cdata(out, "UserID", event.userid);
        }
        if (!event.externalUserid.empty()) {
            cdata(out, "ExternalUserID", event.externalUserid);
        }
        if (event.changeType == "add_external_contact" || event.changeType == "add_half_external_contact") {
            std::string state;
            if (const ExternalContact *c = corp.contact(event.externalUserid)) {
                for (const auto &follow : c->follows) {
                    if (follow.userid == event.userid) {
                        state = follow.state;
                    }
                }
            }
            cdata(out, "State", state);
            cdata(out, "WelcomeCode", "");
        }
    }
    out.append("</xml>");
    return out;
}

CallbackSender::CallbackSender(CorpCredentials credentials)
    : m_credentials(std::move(credentials))
    , m_thread([this] { run(); })
{}

CallbackSender::~CallbackSender()
{
    stop();
}

void CallbackSender::setOptions(CallbackOptions options)
{
    std::lock_guard lock(m_mutex);
    m_options = std::move(options);
}

CallbackOptions CallbackSender::options() const
{
    std::lock_guard lock(m_mutex);
    return m_options;
}

void CallbackSender::enqueue(std::vector<std::string> messages)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_options.url.empty() || m_stopping) {
            return;
        }
        for (auto &message : messages) {
            m_queue.push_back(std::move(message));
        }
    }
    m_wake.notify_all();
}

void CallbackSender::resetCounters()
{
    m_delivered = 0;
    m_failed = 0;
}

void CallbackSender::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_queue.clear();
    }
    m_wake.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

bool CallbackSender::waitFor(std::chrono::milliseconds duration)
{
    std::unique_lock lock(m_mutex);
    return !m_wake.wait_for(lock, duration, [this] { return m_stopping; });
}

void CallbackSender::run()
{
    while (true) {
        std::string message;
        CallbackOptions options;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_stopping) {
                return;
            }
            message = std::move(m_queue.front());
            m_queue.pop_front();
            options = m_options;
        }
        if (deliver(message, options)) {
            ++m_delivered;
        } else {
            ++m_failed;
        }
    }
}

bool CallbackSender::deliver(const std::string &message, const CallbackOptions &options)
{
    using connectors::wecom::WeComCrypto;
    if (options.url.empty()) {
        return false;
    }
    auto crypto = WeComCrypto::create(QString::fromStdString(m_credentials.callbackToken),
                                      QString::fromStdString(m_credentials.encodingAesKey),
                                      QString::fromStdString(m_credentials.corpId));
    if (!crypto) {
        return false;
    }
    const ParsedUrl url = splitUrl(options.url);
    const int attempts = std::max(1, options.attempts);
    std::mt19937 random(std::random_device{}());
    for (int attempt = 0; attempt < attempts; ++attempt) {
        if (attempt > 0 && !waitFor(std::chrono::milliseconds(100 * attempt))) {
            return false; // stopping
        }
        const std::string timestamp = std::to_string(
            std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                .count());
        const std::string nonce = std::to_string(1000000000u + random() % 1000000000u);
        const auto envelope = crypto->encryptMessage(
            QByteArray::fromStdString(message), QString::fromStdString(timestamp), QString::fromStdString(nonce),
            QString::fromStdString(m_credentials.corpId), QString::number(m_credentials.agentId));
        std::string target = url.path;
        target.append(target.find('?') == std::string::npos ? "?" : "&");
        target.append("msg_signature=").append(envelope.msgSignature.toStdString());
        target.append("&timestamp=").append(timestamp).append("&nonce=").append(nonce);

        httplib::Client client(url.schemeHostPort);
        const auto seconds = std::chrono::duration_cast<std::chrono::microseconds>(options.timeout);
        client.set_connection_timeout(seconds);
        client.set_read_timeout(seconds);
        client.set_write_timeout(seconds);
        const auto result = client.Post(target, envelope.body.toStdString(), "text/xml");
        if (result && result->status >= 200 && result->status < 300) {
            return true;
        }
    }
    return false;
}

} // namespace ic::sandbox::detail
