#pragma once

#include <QHostAddress>
#include <QTcpServer>

namespace triage::test {

// A free port on 127.0.0.1 for a loopback redirect URI, held (listening, never accepting) until
// release() or the end of the scope. Start the sandbox org while it is held: the org listens on
// any free port, which could otherwise be this very one, and the sign-in would then find its
// redirect port taken ("port in use", seen now and then in CI).
class ReservedLoopbackPort
{
public:
    ReservedLoopbackPort()
    {
        if (m_server.listen(QHostAddress(QHostAddress::LocalHost), 0))
            m_port = m_server.serverPort();
    }
    quint16 port() const { return m_port; }
    void release() { m_server.close(); } // before anything binds the port for real

private:
    QTcpServer m_server;
    quint16 m_port = 0;
};

} // namespace triage::test
