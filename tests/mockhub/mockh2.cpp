// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// HTTP/2 (RFC 9113) for the mock hub, with prior knowledge over cleartext: huggingface.co answers over h2, so the
// benchmark and the HTTP/2 tests see requests multiplexed on one connection, not queued behind six HTTP/1.1 ones.
// Framing, HPACK and flow control are libnghttp2's; requests go through the same MockHub::handle() as HTTP/1.1.
#include "mockhub.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <nghttp2/nghttp2.h>
#include <sys/socket.h>

namespace memspec::mock {

namespace {

constexpr qint64 kWriteHighWater = 1 << 20; // stop producing frames while this much waits in the socket
constexpr uint32_t kMaxStreams = 128;       // what the Hub's CDN front advertises is of this order

bool hopByHop(const QByteArray &lowerName)
{
    return lowerName == "connection" || lowerName == "keep-alive" || lowerName == "transfer-encoding" ||
           lowerName == "upgrade" || lowerName == "proxy-connection" || lowerName == "content-length";
}

nghttp2_nv nv(const QByteArray &name, const QByteArray &value)
{
    return {reinterpret_cast<uint8_t *>(const_cast<char *>(name.constData())),
            reinterpret_cast<uint8_t *>(const_cast<char *>(value.constData())), size_t(name.size()),
            size_t(value.size()), NGHTTP2_NV_FLAG_NONE};
}

} // namespace

class MockH2Connection final : public QObject
{
public:
    MockH2Connection(MockHub *hub, QTcpSocket *socket, QString origin)
        : QObject(socket), m_hub(hub), m_socket(socket), m_origin(std::move(origin))
    {
        nghttp2_session_callbacks *cb = nullptr;
        nghttp2_session_callbacks_new(&cb);
        nghttp2_session_callbacks_set_on_begin_headers_callback(cb, &MockH2Connection::onBeginHeaders);
        nghttp2_session_callbacks_set_on_header_callback(cb, &MockH2Connection::onHeader);
        nghttp2_session_callbacks_set_on_data_chunk_recv_callback(cb, &MockH2Connection::onData);
        nghttp2_session_callbacks_set_on_frame_recv_callback(cb, &MockH2Connection::onFrame);
        nghttp2_session_callbacks_set_on_stream_close_callback(cb, &MockH2Connection::onStreamClose);
        // DATA frames as large as the client allows (SETTINGS_MAX_FRAME_SIZE), not nghttp2's default 16 KB.
        nghttp2_session_callbacks_set_data_source_read_length_callback(
            cb,
            [](nghttp2_session *, uint8_t, int32_t, int32_t sessionWindow, int32_t streamWindow, uint32_t maxFrame,
               void *) -> ssize_t {
                return std::min<ssize_t>({ssize_t(sessionWindow), ssize_t(streamWindow), ssize_t(maxFrame)});
            });
        nghttp2_session_server_new(&m_session, cb, this);
        nghttp2_session_callbacks_del(cb);
        const nghttp2_settings_entry settings[] = {{NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, kMaxStreams}};
        nghttp2_submit_settings(m_session, NGHTTP2_FLAG_NONE, settings, 1);
        connect(socket, &QTcpSocket::readyRead, this, [this] {
            // ACK at once. Qt 6.4 sends its HTTP requests without TCP_NODELAY, so a burst of HEADERS frames written
            // in two goes waits in the client for the ACK of the first; with the answer held back by the injected
            // latency, loopback would delay that ACK by 40 ms (Linux delayed ACK) and every request wave with it.
            // Linux clears TCP_QUICKACK after use, hence per read.
            const int one = 1;
            ::setsockopt(int(m_socket->socketDescriptor()), IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
            feed(m_socket->readAll());
        });
        connect(socket, &QTcpSocket::bytesWritten, this, [this] { flush(); });
        // A socket handed over from the HTTP/1.1 sniffer already has this; one that chose h2 by ALPN does not.
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater, Qt::UniqueConnection);
    }

    ~MockH2Connection() override { nghttp2_session_del(m_session); }

    void feed(const QByteArray &bytes)
    {
        const ssize_t n = nghttp2_session_mem_recv(m_session, reinterpret_cast<const uint8_t *>(bytes.constData()),
                                                   size_t(bytes.size()));
        if (n < 0) {
            m_socket->abort(); // a framing error: the client broke the protocol
            return;
        }
        flush();
    }

private:
    struct Stream
    {
        MockRequest req;
        MockResponse resp;
        qint64 sent = 0;
        qint64 total = 0;
        qint64 limit = 0;
        bool answered = false;
    };

    static MockH2Connection *self(void *user) { return static_cast<MockH2Connection *>(user); }

    Stream *stream(int32_t id)
    {
        const auto it = m_streams.find(id);
        return it == m_streams.end() ? nullptr : it->second.get();
    }

    static int onBeginHeaders(nghttp2_session *, const nghttp2_frame *frame, void *user)
    {
        if (frame->hd.type == NGHTTP2_HEADERS && frame->headers.cat == NGHTTP2_HCAT_REQUEST) {
            auto s = std::make_unique<Stream>();
            s->req.origin = self(user)->m_origin;
            self(user)->m_streams[frame->hd.stream_id] = std::move(s);
            MockHub *hub = self(user)->m_hub;
            hub->m_maxStreams = qMax(hub->m_maxStreams, int(self(user)->m_streams.size()));
        }
        return 0;
    }

    static int onHeader(nghttp2_session *, const nghttp2_frame *frame, const uint8_t *name, size_t namelen,
                        const uint8_t *value, size_t valuelen, uint8_t, void *user)
    {
        Stream *s = self(user)->stream(frame->hd.stream_id);
        if (!s) {
            return 0;
        }
        const QByteArray n(reinterpret_cast<const char *>(name), qsizetype(namelen));
        const QByteArray v(reinterpret_cast<const char *>(value), qsizetype(valuelen));
        if (n == ":method") {
            s->req.method = v;
        } else if (n == ":path") {
            s->req.target = v;
        } else if (n == ":authority") {
            s->req.headers.insert("host", v);
        } else if (!n.startsWith(':')) {
            s->req.headers.insert(n, v); // HTTP/2 header names arrive in lower case
        }
        return 0;
    }

    static int onData(nghttp2_session *, uint8_t, int32_t id, const uint8_t *data, size_t len, void *user)
    {
        if (Stream *s = self(user)->stream(id)) {
            s->req.body.append(reinterpret_cast<const char *>(data), qsizetype(len));
        }
        return 0;
    }

    static int onFrame(nghttp2_session *, const nghttp2_frame *frame, void *user)
    {
        const bool endsRequest = (frame->hd.type == NGHTTP2_HEADERS || frame->hd.type == NGHTTP2_DATA) &&
                                 (frame->hd.flags & NGHTTP2_FLAG_END_STREAM);
        if (endsRequest) {
            self(user)->dispatch(frame->hd.stream_id);
        }
        return 0;
    }

    static int onStreamClose(nghttp2_session *, int32_t id, uint32_t, void *user)
    {
        MockH2Connection *c = self(user);
        const auto it = c->m_streams.find(id);
        if (it != c->m_streams.end()) {
            if (it->second->answered) {
                c->m_hub->logServed(it->second->req, it->second->resp, it->second->sent);
            }
            c->m_streams.erase(it);
        }
        return 0;
    }

    static ssize_t readBody(nghttp2_session *, int32_t id, uint8_t *buf, size_t length, uint32_t *flags,
                            nghttp2_data_source *, void *user)
    {
        MockH2Connection *c = self(user);
        Stream *s = c->stream(id);
        if (!s) {
            return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;
        }
        if (s->sent >= s->limit && s->limit < s->total) {
            // DropMidBody: the stream is reset half-way (RST_STREAM INTERNAL_ERROR), as when a CDN edge loses its
            // upstream; the connection and its other streams live on.
            return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;
        }
        const qint64 n = qMin<qint64>(qint64(length), s->limit - s->sent);
        const MockResponse &r = s->resp;
        qint64 copied = 0;
        if (r.file) {
            copied = r.file->copyTo(reinterpret_cast<char *>(buf), r.from + s->sent, n);
        } else {
            copied = qMin<qint64>(n, r.body.size() - s->sent);
            std::memcpy(buf, r.body.constData() + s->sent, size_t(copied));
        }
        s->sent += copied;
        if (s->sent >= s->total) {
            *flags |= NGHTTP2_DATA_FLAG_EOF;
        }
        return ssize_t(copied);
    }

    void dispatch(int32_t id)
    {
        Stream *s = stream(id);
        if (!s) {
            return;
        }
        parseTarget(s->req);
        s->req.arrivedMs = mockClockMs();
        int delay = 0;
        s->resp = m_hub->handle(s->req, &delay);
        if (s->resp.hang) {
            return; // never answered: the client's transfer timeout fires
        }
        QTimer::singleShot(delay, this, [this, id] { respond(id); });
    }

    void respond(int32_t id)
    {
        Stream *s = stream(id);
        if (!s) {
            return; // the client reset the stream while it waited
        }
        MockResponse &r = s->resp;
        s->answered = true;
        s->total = r.headOnly ? 0 : r.bodyLength();
        s->limit = r.dropAfter >= 0 ? qMin(r.dropAfter, s->total) : s->total;
        QList<QByteArray> keep; // nghttp2_nv points into these until submit copies them
        keep.reserve(2 * r.headers.size() + 4);
        std::vector<nghttp2_nv> nva;
        keep << QByteArray(":status") << QByteArray::number(r.status);
        nva.push_back(nv(keep[0], keep[1]));
        for (const auto &[k, v] : r.headers) {
            const QByteArray lower = k.toLower();
            if (hopByHop(lower)) {
                continue;
            }
            keep << lower << v;
            nva.push_back(nv(keep[keep.size() - 2], keep.last()));
        }
        keep << QByteArray("content-length") << QByteArray::number(r.bodyLength());
        nva.push_back(nv(keep[keep.size() - 2], keep.last()));
        if (s->total == 0) {
            nghttp2_submit_response(m_session, id, nva.data(), nva.size(), nullptr);
        } else {
            nghttp2_data_provider body;
            body.source.ptr = nullptr;
            body.read_callback = &MockH2Connection::readBody;
            nghttp2_submit_response(m_session, id, nva.data(), nva.size(), &body);
        }
        flush();
    }

    void flush()
    {
        while (m_socket->bytesToWrite() < kWriteHighWater) {
            const uint8_t *data = nullptr;
            const ssize_t n = nghttp2_session_mem_send(m_session, &data);
            if (n <= 0) {
                break;
            }
            m_socket->write(reinterpret_cast<const char *>(data), n);
        }
        if (!nghttp2_session_want_read(m_session) && !nghttp2_session_want_write(m_session)) {
            m_socket->disconnectFromHost();
        }
    }

    MockHub *m_hub;
    QTcpSocket *m_socket;
    QString m_origin;
    nghttp2_session *m_session = nullptr;
    std::map<int32_t, std::unique_ptr<Stream>> m_streams;
};

void startHttp2(MockHub *hub, QTcpSocket *socket, const QString &origin, const QByteArray &received)
{
    ++hub->m_http2Connections;
    auto *c = new MockH2Connection(hub, socket, origin);
    c->feed(received);
}

} // namespace memspec::mock
