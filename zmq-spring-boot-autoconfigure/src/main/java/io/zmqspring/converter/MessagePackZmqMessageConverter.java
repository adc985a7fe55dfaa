package io.zmqspring.converter;

import java.io.IOException;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

import org.springframework.util.Assert;
import org.springframework.util.MimeType;

/**
 * Writes and reads objects as <a href="https://msgpack.org">MessagePack</a>: the application's
 * Jackson 3 {@link JsonMapper} maps objects to and from a tree (so its modules, naming and
 * annotations apply as for JSON), and msgpack-core writes and reads the tree in MessagePack's
 * binary format. Used where the content type {@code application/msgpack} (also
 * {@code application/vnd.msgpack} and {@code application/x-msgpack}) is asked for.
 * <p>
 * Binary values ({@code byte[]}) become MessagePack {@code bin}, integers the smallest
 * {@code int} or {@code uint} that holds them, {@code float} {@code float32}. Read back, map keys
 * that are not strings (as other languages may send) become their text; extension types,
 * timestamps included, are not supported and fail the conversion.
 *
 * @author zmq-spring-boot
 */
public class MessagePackZmqMessageConverter implements ZmqMessageConverter {

	private final JsonMapper mapper;

	private final JsonNodeFactory nodes;

	public MessagePackZmqMessageConverter(JsonMapper mapper) {
		Assert.notNull(mapper, "'mapper' must not be null");
		this.mapper = mapper;
		this.nodes = mapper.getNodeFactory();
	}

	@Override
	public List<MimeType> getContentTypes() {
		return ZmqContentTypes.MSGPACK_TYPES;
	}

	@Override
	public boolean canWrite(Object payload) {
		return true;
	}

	@Override
	public boolean canRead(Type targetType) {
		return true;
	}

	@Override
	public byte[] toBytes(Object payload) {
		try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
			write(packer, this.mapper.valueToTree(payload));
			return packer.toByteArray();
		}
		catch (JacksonException | IOException | MessagePackException ex) {
			throw new ZmqConversionException("Could not write " + payload.getClass().getName() + " as MessagePack",
					ex);
		}
	}

	@Override
	public @Nullable Object fromBytes(byte[] bytes, Type targetType) {
		JavaType javaType = this.mapper.constructType(targetType);
		try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes)) {
			JsonNode tree = read(unpacker);
			if (unpacker.hasNext()) {
				throw new ZmqConversionException("Could not read " + bytes.length + " bytes of MessagePack as "
						+ javaType + ": more than one value", null);
			}
			return this.mapper.treeToValue(tree, javaType);
		}
		catch (JacksonException | IOException | MessagePackException ex) {
			throw new ZmqConversionException("Could not read " + bytes.length + " bytes of MessagePack as " + javaType,
					ex);
		}
	}

	private static void write(MessagePacker packer, JsonNode node) throws IOException {
		switch (node.getNodeType()) {
			case OBJECT -> {
				packer.packMapHeader(node.size());
				for (Map.Entry<String, JsonNode> property : node.properties()) {
					packer.packString(property.getKey());
					write(packer, property.getValue());
				}
			}
			case ARRAY -> {
				packer.packArrayHeader(node.size());
				for (JsonNode element : node) {
					write(packer, element);
				}
			}
			case STRING -> packer.packString(node.stringValue());
			case NUMBER -> writeNumber(packer, node);
			case BOOLEAN -> packer.packBoolean(node.booleanValue());
			case BINARY -> writeBinary(packer, node.binaryValue());
			case POJO -> {
				// A tree built from an object holds byte[] values as embedded objects
				if (!(((POJONode) node).getPojo() instanceof byte[] binary)) {
					throw new ZmqConversionException("Cannot write an embedded "
							+ ((POJONode) node).getPojo().getClass().getName() + " as MessagePack", null);
				}
				writeBinary(packer, binary);
			}
			case NULL, MISSING -> packer.packNil();
			default -> throw new ZmqConversionException("Cannot write a " + node.getNodeType() + " node as MessagePack",
					null);
		}
	}

	private static void writeBinary(MessagePacker packer, byte[] binary) throws IOException {
		packer.packBinaryHeader(binary.length);
		packer.writePayload(binary);
	}

	private static void writeNumber(MessagePacker packer, JsonNode node) throws IOException {
		if (node.isIntegralNumber()) {
			if (node.canConvertToLong()) {
				packer.packLong(node.longValue());
			}
			else {
				packer.packBigInteger(node.bigIntegerValue());
			}
		}
		else if (node.isFloat()) {
			packer.packFloat(node.floatValue());
		}
		else {
			packer.packDouble(node.doubleValue());
		}
	}

	private JsonNode read(MessageUnpacker unpacker) throws IOException {
		MessageFormat format = unpacker.getNextFormat();
		return switch (format.getValueType()) {
			case NIL -> {
				unpacker.unpackNil();
				yield this.nodes.nullNode();
			}
			case BOOLEAN -> this.nodes.booleanNode(unpacker.unpackBoolean());
			case INTEGER -> readInteger(unpacker, format);
			case FLOAT -> (format == MessageFormat.FLOAT32) ? this.nodes.numberNode(unpacker.unpackFloat())
					: this.nodes.numberNode(unpacker.unpackDouble());
			case STRING -> this.nodes.stringNode(unpacker.unpackString());
			case BINARY -> this.nodes.binaryNode(unpacker.readPayload(unpacker.unpackBinaryHeader()));
			case ARRAY -> {
				int size = unpacker.unpackArrayHeader();
				ArrayNode array = this.nodes.arrayNode(size);
				for (int i = 0; i < size; i++) {
					array.add(read(unpacker));
				}
				yield array;
			}
			case MAP -> {
				int size = unpacker.unpackMapHeader();
				ObjectNode object = this.nodes.objectNode();
				for (int i = 0; i < size; i++) {
					JsonNode key = read(unpacker);
					object.set(key.isString() ? key.stringValue() : key.asString(), read(unpacker));
				}
				yield object;
			}
			case EXTENSION -> throw new ZmqConversionException(
					"MessagePack extension type " + unpacker.unpackExtensionTypeHeader().getType() + " is not supported",
					null);
		};
	}

	private JsonNode readInteger(MessageUnpacker unpacker, MessageFormat format) throws IOException {
		if (format == MessageFormat.UINT64) {
			BigInteger value = unpacker.unpackBigInteger();
			return (value.bitLength() < 64) ? this.nodes.numberNode(value.longValue()) : this.nodes.numberNode(value);
		}
		long value = unpacker.unpackLong();
		return (value == (int) value) ? this.nodes.numberNode((int) value) : this.nodes.numberNode(value);
	}

}
