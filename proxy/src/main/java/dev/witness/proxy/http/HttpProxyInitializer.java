package dev.witness.proxy.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.ssl.SslContext;

/** The pipeline of an agent connection to the HTTP proxy. */
final class HttpProxyInitializer extends ChannelInitializer<Channel> {

  private final HttpProxyServices services;
  private final SslContext serverTls;
  private final boolean kubernetesErrors;

  HttpProxyInitializer(HttpProxyServices services) {
    this(services, null, false);
  }

  /** With TLS towards agents when {@code serverTls} is set; refusals as Kubernetes Status when {@code kubernetesErrors}. */
  HttpProxyInitializer(HttpProxyServices services, SslContext serverTls, boolean kubernetesErrors) {
    this.services = services;
    this.serverTls = serverTls;
    this.kubernetesErrors = kubernetesErrors;
  }

  @Override
  protected void initChannel(Channel ch) {
    // Without X-Witness-Session, all requests of one TCP connection form one session.
    String connectionSession = services.newId();
    ChannelPipeline p = ch.pipeline();
    if (serverTls != null) {
      p.addLast("tls", serverTls.newHandler(ch.alloc()));
    }
    p.addLast("codec", new HttpServerCodec());
    p.addLast("keep-alive", new HttpServerKeepAliveHandler());
    p.addLast("aggregator", new BoundedRequestAggregator(services.maxBodyBytes()));
    // Pipelined requests wait here until the exchange in progress asks for the next one.
    p.addLast("flow-control", new FlowControlHandler());
    p.addLast("demand", new RequestDemandHandler());
    p.addLast("auth", new AgentAuthHandler(services, connectionSession));
    p.addLast("exchange", new HttpExchangeHandler(services, connectionSession, kubernetesErrors));
  }
}
