/**
 * Reading configuration files people write (notifications, automated responses): YAML values with
 * where they are, unknown keys refused, durations read as everywhere else in Pharos.
 */
package io.pharos.engine.config;
