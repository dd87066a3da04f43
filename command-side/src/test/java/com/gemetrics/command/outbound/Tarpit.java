package com.gemetrics.command.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocketFactory;

/**
 * A server on loopback that accepts every connection, writes a prefix at once and then
 * trickles one byte per interval, forever: a status line and headers that never end, an
 * SMTP greeting that never ends, a body that never completes. Each byte arrives well
 * within any read timeout, so only a total deadline ends the call. Counts connections
 * accepted, and those the client closed (a write failed).
 */
public final class Tarpit implements AutoCloseable {

	private final ServerSocket server;

	private final byte[] prefix;

	private final Duration interval;

	private final AtomicInteger accepted = new AtomicInteger();

	private final AtomicInteger closedByClient = new AtomicInteger();

	private final List<Socket> sockets = new ArrayList<>();

	private volatile boolean open = true;

	private Tarpit(ServerSocket server, String prefix, Duration interval) {
		this.server = server;
		this.prefix = prefix.getBytes(StandardCharsets.US_ASCII);
		this.interval = interval;
		Thread acceptor = new Thread(this::accept, "tarpit-" + server.getLocalPort());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** Plain TCP: writes {@code prefix}, then one byte per {@code interval}. */
	public static Tarpit plain(String prefix, Duration interval) throws IOException {
		return new Tarpit(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), prefix, interval);
	}

	/**
	 * TLS with WireMock's bundled self-signed certificate (clients must trust it):
	 * completes the handshake, then writes {@code prefix} and trickles.
	 */
	public static Tarpit tls(String prefix, Duration interval) throws Exception {
		KeyStore keys = KeyStore.getInstance("JKS");
		try (InputStream in = Tarpit.class.getResourceAsStream("/keystore")) {
			keys.load(in, "password".toCharArray());
		}
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keys, "password".toCharArray());
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers.getKeyManagers(), null, null);
		SSLServerSocketFactory factory = context.getServerSocketFactory();
		return new Tarpit(factory.createServerSocket(0, 50, InetAddress.getLoopbackAddress()), prefix, interval);
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/** Connections accepted so far. */
	public int accepted() {
		return this.accepted.get();
	}

	/** Connections the client has closed (seen as a failed write). */
	public int closedByClient() {
		return this.closedByClient.get();
	}

	/** Connections accepted and not yet closed by the client. */
	public int hanging() {
		return accepted() - closedByClient();
	}

	private void accept() {
		while (this.open) {
			try {
				Socket socket = this.server.accept();
				synchronized (this.sockets) {
					this.sockets.add(socket);
				}
				this.accepted.incrementAndGet();
				Thread trickler = new Thread(() -> trickle(socket), "tarpit-connection");
				trickler.setDaemon(true);
				trickler.start();
			}
			catch (IOException ex) {
				if (this.open) {
					throw new IllegalStateException("tarpit accept failed", ex);
				}
			}
		}
	}

	private void trickle(Socket socket) {
		try {
			OutputStream out = socket.getOutputStream();
			out.write(this.prefix);
			out.flush();
			while (this.open) {
				Thread.sleep(this.interval.toMillis());
				out.write('a');
				out.flush();
			}
		}
		catch (IOException ex) {
			if (this.open) {
				this.closedByClient.incrementAndGet();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() throws IOException {
		this.open = false;
		this.server.close();
		synchronized (this.sockets) {
			for (Socket socket : this.sockets) {
				socket.close();
			}
		}
	}

}
