@org.osgi.annotation.versioning.Version("1.3.0")
package vn.chidao.platform.api.auth;
