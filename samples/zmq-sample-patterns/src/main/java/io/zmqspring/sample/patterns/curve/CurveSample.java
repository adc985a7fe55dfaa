package io.zmqspring.sample.patterns.curve;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A CURVE-secured service: the traffic is encrypted, and the server lets in only the clients
 * whose public keys it lists; anyone else is refused in the handshake, counted and logged with
 * the refused key. The server ({@link BalanceServer}, profile {@code server}) and the client
 * ({@link BalanceClient}, profile {@code client}) are plain listener and template code: the
 * security is all in {@code application-curve.yml}.
 */
@SpringBootApplication
public class CurveSample {

}
