package io.zmqspring.autoconfigure;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.MimeType;

import io.zmqspring.converter.ByteArrayZmqMessageConverter;
import io.zmqspring.converter.CompositeZmqMessageConverter;
import io.zmqspring.converter.JacksonZmqMessageConverter;
import io.zmqspring.converter.MessagePackZmqMessageConverter;
import io.zmqspring.converter.ZmqContentTypes;
import io.zmqspring.converter.StringZmqMessageConverter;
import io.zmqspring.converter.ZmqConversionException;
import io.zmqspring.converter.ZmqMessageConverter;
import io.zmqspring.template.ZmqTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The auto-configured converter chain: application converters first, then {@code byte[]},
 * {@code String} and JSON through the application's {@link JsonMapper}.
 */
class ZmqMessageConverterAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	private final ApplicationContextRunner jacksonRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, ZmqAutoConfiguration.class));

	@Test
	void chainIsBytesThenStringThenJsonThenMessagePack() {
		this.jacksonRunner.run((context) -> assertThat(context.getBean(CompositeZmqMessageConverter.class)
			.getConverters()).hasExactlyElementsOfTypes(ByteArrayZmqMessageConverter.class,
					StringZmqMessageConverter.class, JacksonZmqMessageConverter.class,
					MessagePackZmqMessageConverter.class));
	}

	@Test
	void withoutMsgpackCoreTheChainEndsWithJson() {
		this.jacksonRunner.withClassLoader(new FilteredClassLoader("org.msgpack"))
			.run((context) -> assertThat(context.getBean(CompositeZmqMessageConverter.class).getConverters())
				.hasExactlyElementsOfTypes(ByteArrayZmqMessageConverter.class, StringZmqMessageConverter.class,
						JacksonZmqMessageConverter.class));
	}

	@Test
	void objectsStayJsonUnlessMessagePackIsAskedFor() {
		this.jacksonRunner.run((context) -> {
			CompositeZmqMessageConverter converter = context.getBean(CompositeZmqMessageConverter.class);
			Order order = new Order(7, "book");
			assertThat(converter.writerFor(order, null)).isInstanceOf(JacksonZmqMessageConverter.class);
			assertThat(converter.writerFor(order, ZmqContentTypes.APPLICATION_JSON))
				.isInstanceOf(JacksonZmqMessageConverter.class);
			assertThat(converter.writerFor(order, MimeType.valueOf("application/x-msgpack")))
				.isInstanceOf(MessagePackZmqMessageConverter.class);
			assertThat(converter.writerFor("text", ZmqContentTypes.APPLICATION_MSGPACK))
				.isInstanceOf(StringZmqMessageConverter.class);
			byte[] packed = converter.writerFor(order, ZmqContentTypes.APPLICATION_MSGPACK).toBytes(order);
			assertThat(converter.fromBytes(packed, Order.class, ZmqContentTypes.APPLICATION_MSGPACK)).isEqualTo(order);
		});
	}

	@Test
	void templateUsesTheChain() {
		this.runner.run((context) -> assertThat(context.getBean(ZmqTemplate.class).getMessageConverter())
			.isSameAs(context.getBean(CompositeZmqMessageConverter.class)));
	}

	@Test
	void bytesStayAsTheyAre() {
		this.jacksonRunner.run((context) -> {
			byte[] payload = { 0, 1, 2, (byte) 0xff };
			CompositeZmqMessageConverter converter = context.getBean(CompositeZmqMessageConverter.class);
			assertThat(converter.toBytes(payload)).containsExactly(0, 1, 2, (byte) 0xff);
			assertThat(converter.fromBytes(payload, byte[].class)).isEqualTo(payload);
		});
	}

	@Test
	void stringsAreWrittenAsPlainUtf8() {
		this.jacksonRunner.run((context) -> {
			CompositeZmqMessageConverter converter = context.getBean(CompositeZmqMessageConverter.class);
			assertThat(converter.toBytes("héllo")).isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
			assertThat(converter.fromBytes("héllo".getBytes(StandardCharsets.UTF_8), String.class)).isEqualTo("héllo");
		});
	}

	@Test
	void recordsAreWrittenAsJsonWithTheApplicationsJsonMapper() {
		this.jacksonRunner.withPropertyValues("spring.jackson.property-naming-strategy=SNAKE_CASE").run((context) -> {
			byte[] json = context.getBean(CompositeZmqMessageConverter.class).toBytes(new Order(7, "book"));
			assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"order_id\":7,\"item_name\":\"book\"}");
		});
	}

	@Test
	void recordsAreReadFromJsonWithTheApplicationsJsonMapper() {
		this.jacksonRunner.withPropertyValues("spring.jackson.property-naming-strategy=SNAKE_CASE").run((context) -> {
			byte[] json = "{\"order_id\":7,\"item_name\":\"book\"}".getBytes(StandardCharsets.UTF_8);
			assertThat(context.getBean(CompositeZmqMessageConverter.class).fromBytes(json, Order.class))
				.isEqualTo(new Order(7, "book"));
		});
	}

	@Test
	void jsonUsesTheJsonMapperBean() {
		this.jacksonRunner.run((context) -> {
			ZmqMessageConverter json = context.getBean(CompositeZmqMessageConverter.class).getConverters().get(2);
			assertThat(json).extracting("jsonMapper").isSameAs(context.getBean(JsonMapper.class));
		});
	}

	@Test
	void recordsAreWrittenAsJsonWithoutJacksonAutoConfiguration() {
		this.runner.run((context) -> {
			byte[] json = context.getBean(CompositeZmqMessageConverter.class).toBytes(new Order(7, "book"));
			assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"orderId\":7,\"itemName\":\"book\"}");
		});
	}

	@Test
	void recordsCannotBeConvertedWithoutJackson() {
		this.runner.withClassLoader(new FilteredClassLoader("tools.jackson")).run((context) -> {
			CompositeZmqMessageConverter converter = context.getBean(CompositeZmqMessageConverter.class);
			assertThat(converter.getConverters()).hasExactlyElementsOfTypes(ByteArrayZmqMessageConverter.class,
					StringZmqMessageConverter.class);
			assertThatExceptionOfType(ZmqConversionException.class)
				.isThrownBy(() -> converter.toBytes(new Order(7, "book")))
				.withMessageContaining(Order.class.getName());
		});
	}

	@Test
	void userConverterIsConsultedBeforeTheDefaults() {
		this.jacksonRunner.withBean(ShoutingConverter.class).run((context) -> {
			assertThat(context).hasNotFailed();
			CompositeZmqMessageConverter converter = context.getBean(CompositeZmqMessageConverter.class);
			assertThat(converter.getConverters().get(0)).isInstanceOf(ShoutingConverter.class);
			assertThat(converter.toBytes("hello")).isEqualTo("HELLO".getBytes(StandardCharsets.UTF_8));
		});
	}

	@Test
	void userConverterLeavesOtherPayloadsToTheDefaults() {
		this.jacksonRunner.withBean(ShoutingConverter.class).run((context) -> {
			assertThat(context).hasNotFailed();
			CompositeZmqMessageConverter converter = context.getBean(CompositeZmqMessageConverter.class);
			assertThat(new String(converter.toBytes(new Order(1, "pen")), StandardCharsets.UTF_8))
				.isEqualTo("{\"orderId\":1,\"itemName\":\"pen\"}");
		});
	}

	@Test
	void orderOnConverterBeanMethodsDecidesWhichConverterIsConsultedFirst() {
		this.jacksonRunner.withUserConfiguration(OrderedConverters.class).run((context) -> {
			assertThat(context).hasNotFailed();
			CompositeZmqMessageConverter converter = context.getBean(CompositeZmqMessageConverter.class);
			assertThat(converter.getConverters()).hasSize(6)
				.first()
				.isSameAs(context.getBean("declaredSecondOrderedFirst"));
			assertThat(converter.getConverters().get(1)).isSameAs(context.getBean("declaredFirstOrderedSecond"));
			assertThat(converter.toBytes("hello")).isEqualTo("first:hello".getBytes(StandardCharsets.UTF_8));
		});
	}

	record Order(int orderId, String itemName) {
	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedConverters {

		@Bean
		@org.springframework.core.annotation.Order(2)
		ZmqMessageConverter declaredFirstOrderedSecond() {
			return new PrefixingConverter("second:");
		}

		@Bean
		@org.springframework.core.annotation.Order(1)
		ZmqMessageConverter declaredSecondOrderedFirst() {
			return new PrefixingConverter("first:");
		}

	}

	/**
	 * Writes strings with a prefix and reads nothing.
	 */
	static class PrefixingConverter extends ShoutingConverter {

		private final String prefix;

		PrefixingConverter(String prefix) {
			this.prefix = prefix;
		}

		@Override
		public byte[] toBytes(Object payload) {
			return (this.prefix + payload).getBytes(StandardCharsets.UTF_8);
		}

	}

	/**
	 * Writes strings in upper case and reads nothing.
	 */
	static class ShoutingConverter implements ZmqMessageConverter {

		@Override
		public boolean canWrite(Object payload) {
			return payload instanceof String;
		}

		@Override
		public boolean canRead(Type targetType) {
			return false;
		}

		@Override
		public byte[] toBytes(Object payload) {
			return payload.toString().toUpperCase().getBytes(StandardCharsets.UTF_8);
		}

		@Override
		public Object fromBytes(byte[] bytes, Type targetType) {
			throw new UnsupportedOperationException();
		}

	}

}
