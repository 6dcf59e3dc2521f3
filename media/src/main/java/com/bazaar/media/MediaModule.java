package com.bazaar.media;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * Entry point of the media module: photo uploads through presigned S3 URLs, the checks that make an upload READY,
 * the {@code FindMedia} query the listing rules ask, attachment tracking, cleanup of unused uploads and the public
 * image URL. Part of the command role ({@code bazaar.roles.command=false} switches it off): the listing aggregate
 * asks it on every create, edit and publish. Without an S3 endpoint configured it starts an in-process
 * S3-compatible server (docs/MEDIA.md).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "bazaar.roles", name = "command", havingValue = "true", matchIfMissing = true)
@ComponentScan
@EnableConfigurationProperties(MediaProperties.class)
public class MediaModule {}
