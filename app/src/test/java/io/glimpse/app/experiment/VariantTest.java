package io.glimpse.app.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glimpse.inference.generate.GenerationRequest;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.inference.vision.AskRequest;
import io.glimpse.media.video.FrameSelection;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VariantTest {
    static final AskRequest BASE = AskRequest.of("What is it?", new GenerationRequest(64, SamplingParams.defaults(), Set.of(), List.of()))
            .withImage(Path.of("a.png"), "SALE").withVideo(Path.of("v.mp4")).withSystem("be brief");

    @Test
    void framesGridsOcrPromptAndSamplingChangeOnlyWhatTheyName() {
        AskRequest r = Variant.parse("count=8; grids=2; ocr=off; prompt=Who, and why?; seed=7; greedy=true; max-tokens=5").apply(BASE);
        assertThat(r.frames().selection()).isEqualTo(new FrameSelection.Count(8));
        assertThat(r.maxGrids()).isEqualTo(2);
        assertThat(r.images().get(0).ocr()).isEmpty();
        assertThat(r.question()).isEqualTo("Who, and why?");
        assertThat(r.generation().sampling().seed()).isEqualTo(7L);
        assertThat(r.generation().sampling().doSample()).isFalse();
        assertThat(r.generation().maxNewTokens()).isEqualTo(5);
        assertThat(r.system()).isEqualTo("be brief");
        assertThat(r.videos()).isEqualTo(BASE.videos());
    }

    @Test
    void fpsAndTheFrameCapApply() {
        AskRequest r = Variant.parse("fps=2; max-frames=6").apply(BASE);
        assertThat(r.frames().selection()).isEqualTo(new FrameSelection.Fps(2, 1, 6));
        assertThat(r.maxFrames()).isEqualTo(6);
        assertThat(Variant.parse("max-frames=6").apply(BASE).frames().selection()).isEqualTo(new FrameSelection.Count(6));
    }

    @Test
    void theNameIsTheTextUnlessGiven() {
        assertThat(Variant.parse("count=8").name()).isEqualTo("count=8");
        assertThat(Variant.parse("count=8; name=few").name()).isEqualTo("few");
        assertThat(Variant.parse("budget=512").budget()).isEqualTo(512);
        assertThat(Variant.parse("model=/m2").model(Path.of("/m1"))).isEqualTo(Path.of("/m2"));
        assertThat(Variant.parse("count=3").model(Path.of("/m1"))).isEqualTo(Path.of("/m1"));
    }

    @Test
    void badTextIsRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> Variant.parse("colour=red")).hasMessageContaining("unknown key 'colour'");
        assertThatThrownBy(() -> Variant.parse("count")).hasMessageContaining("is not key=value");
        assertThatThrownBy(() -> Variant.parse("count=many")).hasMessageContaining("count must be a whole number");
        assertThatThrownBy(() -> Variant.parse("count=0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Variant.parse("ocr=maybe")).hasMessageContaining("on or off");
        assertThatThrownBy(() -> Variant.parse("count=2; fps=1")).hasMessageContaining("not both");
        assertThatThrownBy(() -> Variant.parse("budget=x")).hasMessageContaining("budget must be a whole number");
        assertThatThrownBy(() -> Variant.parse(" ; ")).hasMessageContaining("changes nothing");
    }
}
