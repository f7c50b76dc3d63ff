/**
 * Working days of Vietnamese state and Party agencies: the lunar calendar (UTC+7), the statutory
 * holidays with compensatory days off, and a calendar adjusted by each year's government decision.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package vn.chidao.platform.api.calendar;
