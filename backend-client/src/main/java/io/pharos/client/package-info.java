/**
 * Clients for the outside world on OkHttp and Jackson: Pharos agents, the Prometheus HTTP API,
 * Prometheus text exposition scraping and Alertmanager webhooks. Each implements an engine source
 * SPI ({@link io.pharos.engine.ingest.Source}), so the engine ingests from them like from any other.
 * The clients arrive with the live-data work; this module exists now so the layering is fixed.
 */
package io.pharos.client;
