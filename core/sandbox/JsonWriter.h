#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace ic::sandbox {

/// A small, fast JSON writer appending to a std::string: the sandbox serves thousands of pages a second, so
/// responses are written directly instead of through a DOM. Commas are placed automatically; strings are UTF-8
/// and escaped per RFC 8259 (non-ASCII is written as is, as WeCom does).
class JsonWriter {
public:
    JsonWriter() { m_out.reserve(256); }

    JsonWriter &beginObject()
    {
        separate();
        m_out.push_back('{');
        m_first.push_back(true);
        return *this;
    }
    JsonWriter &endObject()
    {
        m_out.push_back('}');
        m_first.pop_back();
        return *this;
    }
    JsonWriter &beginArray()
    {
        separate();
        m_out.push_back('[');
        m_first.push_back(true);
        return *this;
    }
    JsonWriter &endArray()
    {
        m_out.push_back(']');
        m_first.pop_back();
        return *this;
    }
    /// An object member's name; the next value call writes its value.
    JsonWriter &key(std::string_view name)
    {
        separate();
        writeString(name);
        m_out.push_back(':');
        m_afterKey = true;
        return *this;
    }
    JsonWriter &value(std::string_view text)
    {
        separate();
        writeString(text);
        return *this;
    }
    JsonWriter &value(const char *text) { return value(std::string_view(text)); }
    JsonWriter &value(const std::string &text) { return value(std::string_view(text)); }
    JsonWriter &value(std::int64_t number)
    {
        separate();
        char buffer[24];
        const int length = std::snprintf(buffer, sizeof buffer, "%lld", static_cast<long long>(number));
        m_out.append(buffer, static_cast<std::size_t>(length));
        return *this;
    }
    JsonWriter &value(int number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter &value(bool flag)
    {
        separate();
        m_out.append(flag ? "true" : "false");
        return *this;
    }
    JsonWriter &null()
    {
        separate();
        m_out.append("null");
        return *this;
    }
    /// Inserts already-serialised JSON as a value.
    JsonWriter &raw(std::string_view json)
    {
        separate();
        m_out.append(json);
        return *this;
    }

    template<typename T>
    JsonWriter &field(std::string_view name, const T &v)
    {
        key(name);
        return value(v);
    }
    JsonWriter &stringArray(std::string_view name, const std::vector<std::string> &items)
    {
        key(name).beginArray();
        for (const auto &item : items) {
            value(item);
        }
        return endArray();
    }

    const std::string &str() const { return m_out; }
    std::string take() { return std::move(m_out); }
    void clear()
    {
        m_out.clear();
        m_first.clear();
        m_afterKey = false;
    }

private:
    void separate()
    {
        if (m_afterKey) {
            m_afterKey = false;
            return;
        }
        if (!m_first.empty()) {
            if (m_first.back()) {
                m_first.back() = false;
            } else {
                m_out.push_back(',');
            }
        }
    }

    /// Copies runs of characters that need no escaping in one append each: most text has none, and a per-character
    /// push_back costs several times more (the sandbox writes tens of megabytes a second).
    void writeString(std::string_view text)
    {
        m_out.push_back('"');
        const char *const begin = text.data();
        const char *const end = begin + text.size();
        const char *run = begin;
        for (const char *p = begin; p != end; ++p) {
            const auto c = static_cast<unsigned char>(*p);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            m_out.append(run, static_cast<std::size_t>(p - run));
            run = p + 1;
            switch (c) {
            case '"':
                m_out.append("\\\"");
                break;
            case '\\':
                m_out.append("\\\\");
                break;
            case '\n':
                m_out.append("\\n");
                break;
            case '\r':
                m_out.append("\\r");
                break;
            case '\t':
                m_out.append("\\t");
                break;
            default: {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
                m_out.append(buffer);
            }
            }
        }
        m_out.append(run, static_cast<std::size_t>(end - run));
        m_out.push_back('"');
    }

    std::string m_out;
    std::vector<bool> m_first;
    bool m_afterKey = false;
};

} // namespace ic::sandbox
