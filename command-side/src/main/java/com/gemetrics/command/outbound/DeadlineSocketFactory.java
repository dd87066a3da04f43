package com.gemetrics.command.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.net.SocketFactory;

/**
 * Plain sockets that the current thread's {@link Deadline} closes when it passes. Given
 * to Jakarta Mail as {@code mail.smtp.socketFactory}, so an SMTP server that trickles its
 * answers cannot hold a sender past its deadline (the SMTP read timeout restarts with
 * every byte). A socket opened with no deadline running is a plain socket.
 */
public class DeadlineSocketFactory extends SocketFactory {

	@Override
	public Socket createSocket() {
		return underDeadline(new Socket());
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		Socket socket = createSocket();
		socket.connect(new InetSocketAddress(host, port));
		return socket;
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		Socket socket = createSocket();
		socket.bind(new InetSocketAddress(localHost, localPort));
		socket.connect(new InetSocketAddress(host, port));
		return socket;
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		Socket socket = createSocket();
		socket.connect(new InetSocketAddress(host, port));
		return socket;
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		Socket socket = createSocket();
		socket.bind(new InetSocketAddress(localAddress, localPort));
		socket.connect(new InetSocketAddress(address, port));
		return socket;
	}

	private static Socket underDeadline(Socket socket) {
		Deadline.current().ifPresent((deadline) -> deadline.onExpiry(socket));
		return socket;
	}

}
