/** JDBC helpers shared by modules that keep their data with plain SQL. */
@org.osgi.annotation.versioning.Version("1.1.0")
package vn.chidao.platform.api.db;
