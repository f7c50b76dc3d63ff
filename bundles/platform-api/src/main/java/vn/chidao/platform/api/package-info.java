@org.osgi.annotation.versioning.Version("1.1.0")
package vn.chidao.platform.api;
