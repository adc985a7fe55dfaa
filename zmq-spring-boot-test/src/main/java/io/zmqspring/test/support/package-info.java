/**
 * Test support for applications on zmq-spring-boot: free tcp endpoints for test contexts
 * ({@code ${zmq-test.endpoint.<key>}}), waits until listeners run, connections are up and
 * subscribers have subscribed, raw peer sockets owned by one thread, and recorders that wait for
 * what a listener received.
 */
@NullMarked
package io.zmqspring.test.support;

import org.jspecify.annotations.NullMarked;
