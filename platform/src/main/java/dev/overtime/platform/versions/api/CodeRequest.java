package dev.overtime.platform.versions.api;

import dev.overtime.platform.invoke.ApiError;
import dev.overtime.platform.invoke.LambdaApiException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipInputStream;

/**
 * An UpdateFunctionCode body. The code comes as {@code ZipFile} bytes, or through Overtime's extension
 * for code on this machine: {@code S3Bucket} {@value #LOCAL_BUCKET} with {@code S3Key} an absolute path
 * (a folder, a {@code .zip} or a {@code .jar}), which the AWS CLI sends with
 * {@code --s3-bucket overtime-local --s3-key /abs/path}.
 *
 * @param source     the new code
 * @param publish    {@code Publish}: publish a version right after
 * @param dryRun     {@code DryRun}: check the request, change nothing
 * @param revisionId {@code RevisionId}, or null
 */
record CodeRequest(Source source, boolean publish, boolean dryRun, String revisionId) {

    static final String LOCAL_BUCKET = "overtime-local";

    private static final List<String> NOT_SERVED = List.of("ImageUri", "S3ObjectVersion", "SourceKMSKeyArn",
            "PublishTo");

    /** Where the new code is. */
    sealed interface Source {
        /** Uploaded bytes, already checked to be a zip. */
        record Zip(byte[] bytes) implements Source {
        }

        /** Code on this machine: {@code $LATEST} then runs it from there, as it runs the template's. */
        record Local(Path path) implements Source {
        }
    }

    /** Reads and checks the request; this reads the zip through and looks at the disk, so not on a selector. */
    static CodeRequest read(RequestBody body) throws LambdaApiException {
        for (String field : NOT_SERVED) {
            if (body.has(field)) {
                throw new LambdaApiException(ApiError.INVALID_PARAMETER_VALUE, "Overtime does not serve " + field
                        + ": send the code as ZipFile, or as S3Bucket \"" + LOCAL_BUCKET + "\" with S3Key a local "
                        + "path.");
            }
        }
        List<String> architectures = body.texts("Architectures");
        if (architectures != null && !architectures.equals(List.of("x86_64"))) {
            throw new LambdaApiException(ApiError.INVALID_PARAMETER_VALUE, "Overtime serves functions as x86_64 "
                    + "only; Architectures " + architectures + " is not served.");
        }
        byte[] zip = body.bytes("ZipFile");
        String bucket = body.text("S3Bucket");
        String key = body.text("S3Key");
        if (zip != null && (bucket != null || key != null)) {
            throw new LambdaApiException(ApiError.INVALID_PARAMETER_VALUE,
                    "Please do not provide other FunctionCode parameters when providing a ZipFile.");
        }
        Source source;
        if (zip != null) {
            source = new Source.Zip(checkedZip(zip));
        } else if (bucket != null || key != null) {
            source = new Source.Local(localPath(bucket, key));
        } else {
            throw new LambdaApiException(ApiError.INVALID_PARAMETER_VALUE,
                    "Please provide a source for function code: ZipFile, or S3Bucket \"" + LOCAL_BUCKET
                            + "\" with S3Key an absolute local path.");
        }
        return new CodeRequest(source, body.flag("Publish"), body.flag("DryRun"), body.text("RevisionId"));
    }

    private static Path localPath(String bucket, String key) throws LambdaApiException {
        if (!LOCAL_BUCKET.equals(bucket)) {
            throw new LambdaApiException(ApiError.INVALID_PARAMETER_VALUE, "Overtime cannot read S3 bucket '"
                    + bucket + "'. Upload the code as ZipFile (--zip-file fileb://function.zip), or use Overtime's "
                    + "extension for code on this machine: S3Bucket \"" + LOCAL_BUCKET + "\" with S3Key an absolute "
                    + "path to a folder, .zip or .jar (--s3-bucket " + LOCAL_BUCKET + " --s3-key /abs/path).");
        }
        if (key == null || key.isEmpty() || !Path.of(key).isAbsolute()) {
            throw new LambdaApiException(ApiError.INVALID_PARAMETER_VALUE, "With S3Bucket \"" + LOCAL_BUCKET
                    + "\", S3Key must be an absolute path to a folder, .zip or .jar on the machine Overtime runs on; "
                    + "got " + (key == null ? "none" : "'" + key + "'"));
        }
        Path path = Path.of(key).normalize();
        String file = path.getFileName() == null ? "" : path.getFileName().toString();
        boolean archive = Files.isRegularFile(path) && (file.endsWith(".zip") || file.endsWith(".jar"));
        if (!Files.isDirectory(path) && !archive) {
            throw new LambdaApiException(ApiError.INVALID_PARAMETER_VALUE, "The code at " + path
                    + (Files.exists(path) ? " is neither a folder nor a .zip or .jar" : " does not exist"));
        }
        return path;
    }

    /** Lambda unpacks every upload: reading each entry through (checking its CRC) catches a broken one now. */
    private static byte[] checkedZip(byte[] bytes) throws LambdaApiException {
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            while (zip.getNextEntry() != null) {
                entries++;
                drain(zip);
            }
        } catch (IOException | IllegalArgumentException e) {
            entries = 0;
        }
        if (entries == 0) {
            throw new LambdaApiException(ApiError.INVALID_PARAMETER_VALUE,
                    "Could not unzip uploaded file. Please check your file, then try to upload again.");
        }
        return bytes;
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[1 << 16];
        while (in.read(buffer) >= 0) {
            // the stream checks the entry's CRC when it reaches its end
        }
    }
}
