import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadWebConfig } from './config.js';
import { WebController } from './web.controller.js';

@Module({ controllers: [WebController] })
class WebModule {}

const config = loadWebConfig();
const app = await NestFactory.create(WebModule, { logger: ['error', 'warn'] });
app.enableShutdownHooks();
await app.listen(config.PORT, config.HOST);
