package io.writebehind.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Forwards a local port to a server: a database that "comes up" when the proxy opens. */
final class PortProxy implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  private PortProxy(int port, String targetHost, int targetPort) throws IOException {
    server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          Socket target = new Socket(targetHost, targetPort);
          sockets.add(client);
          sockets.add(target);
          pump(client, target);
          pump(target, client);
        } catch (IOException e) {
          // closed, or the target refused: the client sees its connection end
        }
      }
    }, "tcp-proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  static PortProxy open(int port, String targetHost, int targetPort) throws IOException {
    return new PortProxy(port, targetHost, targetPort);
  }

  /** A port nothing listens on now (free when asked). */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException e) {
        // one side closed
      } finally {
        try {
          to.shutdownOutput();
        } catch (IOException ignored) {
          // already closed
        }
      }
    }, "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
