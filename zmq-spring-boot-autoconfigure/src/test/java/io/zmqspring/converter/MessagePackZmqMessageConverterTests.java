package io.zmqspring.converter;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The MessagePack converter: values as MessagePack types, read back into records and generic
 * types, and what other languages send that JSON cannot say.
 */
class MessagePackZmqMessageConverterTests {

	private final MessagePackZmqMessageConverter converter = new MessagePackZmqMessageConverter(
			JsonMapper.builder().build());

	@Test
	void aRecordWithNestedValuesSurvivesTheRoundTrip() {
		Shipment shipment = new Shipment(Long.MAX_VALUE, new BigInteger("18446744073709551615"), 0.1f, 2.5,
				List.of(Map.of("sku", "a"), Map.of()), new byte[] { 0, (byte) 0x80 }, null, true);
		Object read = this.converter.fromBytes(this.converter.toBytes(shipment), Shipment.class);
		assertThat(read).usingRecursiveComparison().isEqualTo(shipment);
	}

	@Test
	void aSmallRecordIsSmallerThanItsJson() {
		Point point = new Point(3, -4);
		assertThat(this.converter.toBytes(point)).hasSizeLessThan("{\"x\":3,\"y\":-4}".length());
	}

	@Test
	void genericTypesAreReadWithTheirTypeArguments() throws Exception {
		byte[] bytes = this.converter.toBytes(List.of(new Point(1, 2), new Point(3, 4)));
		Object read = this.converter.fromBytes(bytes, new TypeReference<List<Point>>() {
		}.getType());
		assertThat(read).isEqualTo(List.of(new Point(1, 2), new Point(3, 4)));
	}

	@Test
	void mapKeysThatAreNotStringsAreReadAsTheirText() throws Exception {
		try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
			packer.packMapHeader(1).packInt(7).packString("seven");
			Object read = this.converter.fromBytes(packer.toByteArray(), Map.class);
			assertThat(read).isEqualTo(Map.of("7", "seven"));
		}
	}

	@Test
	void anExtensionTypeFailsTheConversion() throws Exception {
		try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
			packer.packExtensionTypeHeader((byte) 5, 1).addPayload(new byte[] { 1 });
			assertThatExceptionOfType(ZmqConversionException.class)
				.isThrownBy(() -> this.converter.fromBytes(packer.toByteArray(), Object.class))
				.withMessageContaining("extension type 5");
		}
	}

	@Test
	void truncatedBytesFailTheConversion() {
		byte[] bytes = this.converter.toBytes(new Point(1, 2));
		assertThatExceptionOfType(ZmqConversionException.class).isThrownBy(
				() -> this.converter.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length - 1), Point.class));
	}

	record Point(int x, int y) {
	}

	record Shipment(long id, BigInteger big, float ratio, double weight, List<Map<String, String>> lines,
			byte[] signature, String note, boolean express) {
	}

}
