package io.glimpse.app.cli;

import io.glimpse.inference.hcx.HcxImageProcessor;
import io.glimpse.inference.hcx.HcxVision;
import io.glimpse.inference.hcx.HcxVisionSettings;
import io.glimpse.inference.ledger.HcxLedger;
import io.glimpse.inference.ledger.HcxPromptLayout;
import io.glimpse.inference.ledger.LedgerRequest;
import io.glimpse.inference.ledger.TextCounter;
import io.glimpse.media.RgbImage;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The planning figures: recomputing the ledger of 108 frames + 9 images (it runs on every slider
 * move), and AnyRes preprocessing of a 12 MP photo into 10 normalized tiles, side by side with
 * the same steps in PIL + numpy ({@code anyres_reference.py}).
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Ledger recompute time (108 frames + 9 images) and 12 MP AnyRes preprocessing vs PIL + numpy.")
final class PlanBenchmark implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rounds", defaultValue = "10", description = "timed rounds, best kept (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with PIL and numpy (default: ${DEFAULT-VALUE})")
    String python;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        HcxVision vision = new HcxVision(HcxVisionSettings.defaults());

        List<LedgerRequest.Image> images = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            images.add(new LedgerRequest.Image("photo" + i + ".jpg", 4032 - i * 300, 3024 - i * 100, "some OCR text " + i));
        }
        LedgerRequest request = new LedgerRequest("You are a helpful assistant.", List.of(), images,
                List.of(new LedgerRequest.Video("clip.mp4", 108, 600)), "What happens in the video?", 512, 16384, 9);
        double bestLedger = Double.MAX_VALUE;
        for (int r = 0; r < rounds * 20; r++) {
            long t = System.nanoTime();
            HcxLedger.compute(request, vision, TextCounter.estimate(), HcxPromptLayout.builtIn());
            bestLedger = Math.min(bestLedger, (System.nanoTime() - t) / 1e6);
        }
        out.printf(Locale.ROOT, "ledger recompute, 108 frames + 9 images: %.3f ms (target < 5 ms)%n", bestLedger);

        Path work = Files.createTempDirectory("glimpse-bench-plan");
        Path photo = work.resolve("photo-4000x3000.png");
        BufferedImage drawn = photo12mp();
        ImageIO.write(drawn, "png", photo.toFile());
        RgbImage rgb = RgbImage.fromBufferedImage(drawn, 0xFFFFFF);
        double bestJava = Double.MAX_VALUE;
        int grids = 0;
        for (int r = 0; r < rounds; r++) {
            long t = System.nanoTime();
            List<RgbImage> tiles = HcxImageProcessor.tiles(rgb, vision.settings());
            float[] pixels = HcxImageProcessor.pixelValues(tiles, vision.settings());
            bestJava = Math.min(bestJava, (System.nanoTime() - t) / 1e9);
            grids = pixels.length / (3 * 378 * 378);
        }
        out.printf(Locale.ROOT, "AnyRes 4000x3000 -> %d normalized tiles, Glimpse:   %.3f s%n", grids, bestJava);
        Path script = work.resolve("anyres_reference.py");
        try (InputStream in = PlanBenchmark.class.getResourceAsStream("anyres_reference.py")) {
            Files.copy(in, script);
        }
        Process p = new ProcessBuilder(python, script.toString(), photo.toString(), Integer.toString(rounds))
                .redirectErrorStream(true).start();
        String result = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0) {
            out.println("PIL + numpy baseline unavailable (" + result.lines().reduce((a, b) -> b).orElse("")
                    + "): apt-get install python3-pil python3-numpy");
            return 0;
        }
        String[] parts = result.split("\\s+");
        double pil = Double.parseDouble(parts[0]);
        out.printf(Locale.ROOT, "AnyRes 4000x3000 -> %s normalized tiles, PIL+numpy: %.3f s%n", parts[1], pil);
        out.printf(Locale.ROOT, "ratio Glimpse / PIL+numpy: %.2fx (target <= 0.9), best of %d rounds each%n", bestJava / pil, rounds);
        return 0;
    }

    /** A 12 MP test photo: gradients and edges, so resampling does real work. */
    private static BufferedImage photo12mp() {
        BufferedImage img = new BufferedImage(4000, 3000, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(30, 80, 160), 4000, 3000, new Color(240, 200, 60)));
        g.fillRect(0, 0, 4000, 3000);
        g.setColor(Color.WHITE);
        for (int i = 0; i < 60; i++) {
            g.drawLine(i * 67, 0, 4000 - i * 31, 3000);
        }
        g.dispose();
        return img;
    }
}
