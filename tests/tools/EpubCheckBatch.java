// EPUBCheck on several EPUBs in one JVM (the validator's start-up dominates one check), for the
// test suite: `java -cp epubcheck.jar EpubCheckBatch.java a.epub b.epub ...`. Each book's
// messages follow a line "=== <path>", in EPUBCheck's own format, on standard error.
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.util.DefaultReportImpl;
import java.io.File;

public class EpubCheckBatch {
    public static void main(String[] args) {
        for (String path : args) {
            System.err.println("=== " + path);
            new EpubCheck(new File(path), new DefaultReportImpl(path)).doValidate();
        }
        System.err.println("=== end");
    }
}
