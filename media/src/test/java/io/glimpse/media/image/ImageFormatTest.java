package io.glimpse.media.image;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Magic-byte detection on hand-written headers (hex). */
class ImageFormatTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(textBlock = """
            FFD8FFE000104A464946,                                   JPEG
            89504E470D0A1A0A0000000D49484452,                       PNG
            474946383961,                                           GIF
            474946383761,                                           GIF
            52494646000000005745425056503820,                       WEBP
            424D000000000000000036000000280000000000,               BMP
            0000001C667479706865696300000000,                       HEIF
            0000001C6674797068656963000000006D696631,               HEIF
            000000186674797061766966000000006D6966316865696300,     HEIF
            000000186674797070697373000000006D696631,               HEIF
            """)
    void supportedFormatIsDetected(String hex, ImageFormat expected) {
        byte[] head = HexFormat.of().parseHex(hex);

        assertThat(ImageFormat.detect(head, head.length)).contains(expected);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(textBlock = """
            49492A0008000000,                                       TIFF
            4D4D002A00000008,                                       TIFF
            255044462D312E37,                                       PDF
            0000001C667479706176696600000000617669666D696631,       AVIF
            00000018667479706973736F6D000000,                       MP4/QuickTime video
            0000000C6A5020200D0A870A,                               JPEG 2000
            FF0A,                                                   JPEG XL
            38425053,                                               Photoshop PSD
            1A45DFA3,                                               Matroska/WebM video
            3C73766720786D6C6E733D,                                 SVG
            """)
    void unsupportedFormatIsNamed(String hex, String name) {
        byte[] head = HexFormat.of().parseHex(hex);

        assertThat(ImageFormat.detect(head, head.length)).isEmpty();
        assertThat(ImageFormat.describeUnsupported(head, head.length)).contains(name);
    }

    @ParameterizedTest
    @CsvSource({"48656C6C6F20776F726C64", "424D0000", "FFD8", "00"})
    void unknownOrTooShortBytesAreNotAnImage(String hex) {
        byte[] head = HexFormat.of().parseHex(hex);

        assertThat(ImageFormat.detect(head, head.length)).isEmpty();
        assertThat(ImageFormat.describeUnsupported(head, head.length)).isEqualTo(Optional.empty());
    }
}
