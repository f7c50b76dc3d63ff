package vn.chidao.account.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import vn.chidao.platform.api.Caller;

@Service
@Command(scope = "chidao", name = "signing-key-rotate", description = "Đổi khóa ký access token (token cũ còn hiệu lực tối đa 5 phút)"
        + " / Rotate the access-token signing key (old tokens stay valid for at most 5 minutes)")
public class SigningKeyRotateCommand extends AccountCommand {

    @Override
    Object run(Caller caller) {
        String id = authenticator.rotateSigningKey(caller);
        System.out.println("Khóa ký mới / new signing key: " + id);
        return null;
    }
}
