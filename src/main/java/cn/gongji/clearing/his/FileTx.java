package cn.gongji.clearing.his;

import cn.gongji.clearing.db.ReconciliationService;
import cn.gongji.settlement.HisBusinessException;
import cn.gongji.settlement.his.Fields;
import cn.gongji.settlement.his.HisCall;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * 9101 file upload / 9102 file download (docs/clearing.md "Files"). The content travels base64 in
 * {@code in}; an upload may be gzip-compressed (recognised by its magic bytes) to fit a month's detail
 * into the 1 MB message limit.
 */
@Component
class FileTx {

    static final int MAX_FILE_BYTES = 32 * 1024 * 1024;

    private final ReconciliationService files;
    private final ObjectMapper json;

    FileTx(ReconciliationService files, ObjectMapper json) {
        this.files = files;
        this.json = json;
    }

    JsonNode upload(HisCall call) {
        Fields f = call.input().obj("fsUploadIn");
        checkInstitution(call, f);
        String filename = f.str("filename");
        if (filename.length() > 200) {
            throw HisBusinessException.field(f.path("filename"), "长度不能超过 200", "must be at most 200 characters");
        }
        byte[] content;
        try {
            // line breaks and spaces are allowed (MIME-style wrapping), any other character outside base64 is not:
            // the MIME decoder would skip it silently and store garbage
            content = Base64.getDecoder().decode(f.str("in").replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            throw HisBusinessException.field(f.path("in"), "应为 base64 编码的文件内容", "must be the file's content in base64");
        }
        content = gunzipIfCompressed(content, f.path("in"));
        String id = files.store(call.inst().code(), filename, content, "upload");
        ObjectNode out = json.createObjectNode();
        out.put("file_qury_no", id);
        out.put("filename", filename);
        out.put("file_size", content.length);
        return out;
    }

    JsonNode download(HisCall call) {
        Fields f = call.input().obj("fsDownloadIn");
        checkInstitution(call, f);
        ReconciliationService.Stored s = files.file(call.inst().code(), f.str("file_qury_no"), null);
        ObjectNode out = json.createObjectNode();
        out.put("file_qury_no", s.fileQuryNo());
        out.put("filename", s.filename());
        out.put("file_size", s.content().length);
        out.put("in", Base64.getEncoder().encodeToString(s.content()));
        return out;
    }

    private static void checkInstitution(HisCall call, Fields f) {
        String code = f.optStr("fixmedins_code");
        if (code != null && !code.equals(call.inst().code())) {
            throw HisBusinessException.field(f.path("fixmedins_code"), "应为本机构编码 " + call.inst().code(),
                    "must be the calling institution's code");
        }
    }

    static byte[] gunzipIfCompressed(byte[] b, String path) {
        if (b.length < 2 || (b[0] & 0xff) != 0x1f || (b[1] & 0xff) != 0x8b) {
            return b;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(b))) {
            byte[] out = in.readNBytes(MAX_FILE_BYTES + 1);
            if (out.length > MAX_FILE_BYTES) {
                throw HisBusinessException.field(path, "解压后超过 32 MB", "exceeds 32 MB uncompressed");
            }
            return out;
        } catch (IOException e) {
            throw HisBusinessException.field(path, "gzip 数据损坏", "is corrupt gzip data");
        }
    }
}
