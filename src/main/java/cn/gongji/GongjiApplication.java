package cn.gongji;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GongjiApplication {

    public static void main(String[] args) {
        SpringApplication.run(GongjiApplication.class, args);
    }
}
