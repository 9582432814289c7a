package cn.gongji.console;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The sign-in pages (the form posts are handled by Spring Security) and the "not for your role" page. */
@Controller
class SignInPages {

    @GetMapping("/console/login")
    String staffLogin() {
        return "console/login";
    }

    @GetMapping("/me/login")
    String insuredLogin() {
        return "me/login";
    }

    @org.springframework.web.bind.annotation.RequestMapping("/console/denied")
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String denied() {
        return "console/denied";
    }
}
