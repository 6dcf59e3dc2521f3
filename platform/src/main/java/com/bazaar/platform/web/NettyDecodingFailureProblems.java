package com.bazaar.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;

/**
 * Reactor Netty answers requests it cannot even decode (header section over {@code server.max-http-request-header-size},
 * request line too long, garbage) itself, before Spring sees them, with an empty body and {@code Connection: close}.
 * This handler sits right after Netty's HTTP codec and gives those answers the same problem+json body every other
 * refusal has. Netty closes the connection right after answering; a client still sending a very large header section
 * then may see the connection reset before it reads the answer (TCP discards it), which no server-side code can
 * prevent.
 */
@Component
class NettyDecodingFailureProblems implements NettyServerCustomizer {

    private static final String HANDLER_NAME = "bazaar.decodingFailureProblems";

    private final ProblemBodies handler;

    NettyDecodingFailureProblems(ObjectMapper json) {
        this.handler = new ProblemBodies(Map.of(
                431,
                        body(
                                json,
                                HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                                "/problems/headers-too-large",
                                "Request header fields too large",
                                "The request's header section is larger than this server accepts."),
                414,
                        body(
                                json,
                                HttpStatus.URI_TOO_LONG,
                                "/problems/uri-too-long",
                                "URI too long",
                                "The request line is longer than this server accepts."),
                413,
                        body(
                                json,
                                HttpStatus.PAYLOAD_TOO_LARGE,
                                "/problems/payload-too-large",
                                "Payload too large",
                                "The request is larger than this server accepts."),
                400,
                        body(
                                json,
                                HttpStatus.BAD_REQUEST,
                                "/problems/bad-request",
                                "Bad request",
                                "The request is not valid HTTP.")));
    }

    @Override
    public reactor.netty.http.server.HttpServer apply(reactor.netty.http.server.HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null
                    && channel.pipeline().get(HANDLER_NAME) == null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, HANDLER_NAME, handler);
            }
        });
    }

    private static byte[] body(ObjectMapper json, HttpStatus status, String type, String title, String detail) {
        try {
            return json.writeValueAsBytes(Problems.of(status, type, title, detail));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Rewrites only Netty's own decoding-failure answers: a full response with one of those statuses, no body, no
     * content type, closing the connection. Answers of the application always carry a content type or a body.
     */
    @ChannelHandler.Sharable
    static final class ProblemBodies extends ChannelOutboundHandlerAdapter {

        private final Map<Integer, byte[]> bodies;

        ProblemBodies(Map<Integer, byte[]> bodies) {
            this.bodies = bodies;
        }

        @Override
        public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
            if (message instanceof FullHttpResponse response
                    && response.content().readableBytes() == 0
                    && bodies.containsKey(response.status().code())
                    && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)
                    && response.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true)) {
                byte[] body = bodies.get(response.status().code());
                FullHttpResponse problem = response.replace(Unpooled.wrappedBuffer(body));
                problem.headers()
                        .set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
                response.release();
                context.write(problem, promise);
                return;
            }
            context.write(message, promise);
        }
    }
}
