package io.bemcom.rawmessages.export;

import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /raw-messages/{connector}?from=<ms>&to=<ms>}: the connector's raw messages in the
 * range as NDJSON ({@code application/x-ndjson}), for reprocessing; {@code GET /raw-message-rejects}:
 * the payloads kept as rejects. Read-only.
 */
@RestController
class RawMessageExportController {

    private final RawMessageExport export;

    RawMessageExportController(RawMessageExport export) {
        this.export = export;
    }

    @GetMapping("/raw-messages/{connector}")
    ResponseEntity<StreamingResponseBody> export(@PathVariable String connector,
                                                 @RequestParam(required = false) String from,
                                                 @RequestParam(required = false) String to) {
        TimeRange range = TimeRange.parse(from, to);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_NDJSON)
                .body(out -> export.write(connector, range, out));
    }

    /** {@code GET /raw-message-rejects?from=<ms>&to=<ms>}: what was kept as a reject, by receive time, as NDJSON. */
    @GetMapping("/raw-message-rejects")
    ResponseEntity<StreamingResponseBody> rejects(@RequestParam(required = false) String from,
                                                  @RequestParam(required = false) String to) {
        TimeRange range = TimeRange.parse(from, to);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_NDJSON)
                .body(out -> export.writeRejects(range, out));
    }

    /** A bad query parameter: 400 with a JSON body naming it, as the api-service answers. */
    @ExceptionHandler(TimeRange.InvalidParameter.class)
    ResponseEntity<Map<String, List<String>>> invalid(TimeRange.InvalidParameter e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(e.field, List.of(e.getMessage())));
    }
}
