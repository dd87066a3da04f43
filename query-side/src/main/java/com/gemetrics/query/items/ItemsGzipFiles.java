package com.gemetrics.query.items;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps the current gzip list in a file, so that Tomcat can send it with
 * {@code sendfile}, the way nginx serves a static file: the kernel copies the bytes, and
 * the request thread does not push 250 KB through the servlet output stream. A new file
 * per snapshot; the few previous ones are kept for responses still being sent, and
 * everything is removed at shutdown.
 */
@Component
class ItemsGzipFiles {

	private static final Logger log = LoggerFactory.getLogger(ItemsGzipFiles.class);

	private static final int KEEP = 4;

	private final Path directory;

	private final Deque<Path> published = new ArrayDeque<>();

	ItemsGzipFiles(@Value("${ge.items.sendfile-dir:}") String configured) throws IOException {
		this.directory = configured.isBlank() ? Files.createTempDirectory("ge-items-")
				: Files.createDirectories(Path.of(configured));
	}

	/**
	 * Writes {@code gzip} as the file for list tag {@code tag}; {@code null} when it
	 * cannot.
	 */
	synchronized Path publish(String tag, byte[] gzip) {
		Path file = this.directory.resolve("items-" + tag.replaceAll("[^A-Za-z0-9-]", "") + ".json.gz");
		try {
			if (!Files.exists(file)) {
				Path temporary = Files.createTempFile(this.directory, "items-", ".tmp");
				Files.write(temporary, gzip);
				Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			this.published.remove(file);
			this.published.addLast(file);
			while (this.published.size() > KEEP) {
				Files.deleteIfExists(this.published.removeFirst());
			}
			return file;
		}
		catch (IOException | UncheckedIOException ex) {
			log.warn("Cannot write the items list file in {}, serving it from memory: {}", this.directory,
					ex.toString());
			return null;
		}
	}

	@PreDestroy
	synchronized void deleteAll() throws IOException {
		for (Path file : this.published) {
			Files.deleteIfExists(file);
		}
		this.published.clear();
		try (var leftovers = Files.list(this.directory)) {
			for (Path file : (Iterable<Path>) leftovers::iterator) {
				Files.deleteIfExists(file);
			}
		}
		Files.deleteIfExists(this.directory);
	}

}
