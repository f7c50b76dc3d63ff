@org.osgi.annotation.versioning.Version("1.2.0")
package vn.chidao.platform.api.rest;
