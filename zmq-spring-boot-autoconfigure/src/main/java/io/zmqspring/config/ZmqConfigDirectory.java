package io.zmqspring.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * The properties of the files in a directory, as a configuration server serves them: every
 * {@code .properties} file, and every {@code .yml} or {@code .yaml} file when SnakeYAML is on the
 * class path, directly in the directory, read in the order of their names (a later file's key
 * wins). Other files, and names starting with a dot (Kubernetes' {@code ..data} links), are
 * skipped.
 *
 * @author zmq-spring-boot
 */
public final class ZmqConfigDirectory {

	private static final boolean YAML_PRESENT = ClassUtils.isPresent("org.yaml.snakeyaml.Yaml",
			ZmqConfigDirectory.class.getClassLoader());

	private final Path directory;

	public ZmqConfigDirectory(Path directory) {
		Assert.notNull(directory, "'directory' must not be null");
		this.directory = directory;
	}

	/**
	 * Return the directory.
	 * @return the path
	 */
	public Path getDirectory() {
		return this.directory;
	}

	/**
	 * Read all files.
	 * @return the properties
	 * @throws IOException if the directory or a file cannot be read or parsed
	 */
	public Map<String, String> read() throws IOException {
		if (!Files.isDirectory(this.directory)) {
			throw new IOException(this.directory + " is not a directory");
		}
		List<Path> files;
		try (Stream<Path> listed = Files.list(this.directory)) {
			files = listed.filter((file) -> !file.getFileName().toString().startsWith("."))
				.filter((file) -> loader(file) != null)
				.filter(Files::isRegularFile)
				.sorted()
				.toList();
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		Map<String, String> properties = new LinkedHashMap<>();
		for (Path file : files) {
			PropertySourceLoader loader = loader(file);
			Assert.state(loader != null, "No loader");
			try {
				for (PropertySource<?> source : loader.load(file.getFileName().toString(), new FileSystemResource(file))) {
					if (source instanceof EnumerablePropertySource<?> enumerable) {
						for (String name : enumerable.getPropertyNames()) {
							Object value = enumerable.getProperty(name);
							properties.put(name, (value != null) ? value.toString() : "");
						}
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				throw new IOException("cannot read " + file.getFileName() + ": " + ex.getMessage(), ex);
			}
		}
		return properties;
	}

	private static @Nullable PropertySourceLoader loader(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".properties")) {
			return new PropertiesPropertySourceLoader();
		}
		if (YAML_PRESENT && (name.endsWith(".yml") || name.endsWith(".yaml"))) {
			return new YamlPropertySourceLoader();
		}
		return null;
	}

}
