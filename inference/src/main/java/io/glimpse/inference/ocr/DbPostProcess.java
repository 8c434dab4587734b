package io.glimpse.inference.ocr;

import io.glimpse.media.CancelToken;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.locationtech.jts.algorithm.MinimumAreaRectangle;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.buffer.BufferOp;
import org.locationtech.jts.operation.buffer.BufferParameters;

/**
 * PaddleOCR's DB post-processing ({@code DBPostProcess}, box type "quad", score mode "fast"): the probability
 * map thresholded at 0.3, each connected region's minimum-area rectangle, its mean probability (kept at 0.6
 * and above), grown by {@code area * 1.5 / perimeter} with round joins ("unclip"), the minimum-area rectangle
 * of that, scaled back to the picture.
 *
 * <p>The polygon work uses JTS rather than hand-written geometry: {@link MinimumAreaRectangle} is
 * {@code cv2.minAreaRect} (rotating calipers over the convex hull) and a round-joined buffer is pyclipper's
 * {@code JT_ROUND} offset, both well tested there. Regions are found by 8-connected labelling instead of
 * {@code cv2.findContours}: the rectangle of a region only depends on its outer boundary pixels, which
 * are what the labelling collects. Stateless.
 */
final class DbPostProcess {
    static final float THRESH = 0.3f;
    static final double BOX_THRESH = 0.6;
    static final double UNCLIP_RATIO = 1.5;
    static final int MIN_SIZE = 3;
    static final int MAX_CANDIDATES = 1000;

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private DbPostProcess() {
    }

    /** A box and its score, in the picture's pixels. */
    record Box(Quad quad, double score) {
    }

    /**
     * @param prob      the probability map, {@code mapW x mapH}, row-major
     * @param destW     the picture's width (the map is scaled to it)
     * @param destH     the picture's height
     */
    static List<Box> boxes(float[] prob, int mapW, int mapH, int destW, int destH, CancelToken cancel) {
        List<int[]> regions = regions(prob, mapW, mapH, cancel);
        List<Box> out = new ArrayList<>();
        for (int i = 0; i < Math.min(regions.size(), MAX_CANDIDATES); i++) {
            cancel.throwIfCancelled();
            int[] boundary = regions.get(i);
            Coordinate[] pts = new Coordinate[boundary.length];
            for (int k = 0; k < boundary.length; k++) {
                pts[k] = new Coordinate(boundary[k] % mapW, boundary[k] / mapW);
            }
            double[][] box = miniBox(GEOMETRY.createMultiPointFromCoords(pts));
            if (box == null || side(box) < MIN_SIZE) {
                continue;
            }
            double score = scoreFast(prob, mapW, mapH, box);
            if (score < BOX_THRESH) {
                continue;
            }
            double[][] grown = miniBox(unclip(box));
            if (grown == null || side(grown) < MIN_SIZE + 2) {
                continue;
            }
            for (double[] p : grown) {
                p[0] = Math.min(Math.max(Math.rint(p[0] / mapW * destW), 0), destW);
                p[1] = Math.min(Math.max(Math.rint(p[1] / mapH * destH), 0), destH);
            }
            Quad q = clockwise(grown, destW, destH);
            // filter_tag_det_res: boxes 3 pixels or thinner are noise
            if ((int) q.side(0, 1) <= 3 || (int) q.side(0, 3) <= 3) {
                continue;
            }
            out.add(new Box(q, score));
        }
        return out;
    }

    /**
     * The boundary pixels (index {@code y * w + x}) of each 8-connected region above the threshold: a pixel
     * is on the boundary when one of its 4 neighbours is outside, as {@code cv2.findContours}' outer border.
     */
    static List<int[]> regions(float[] prob, int w, int h, CancelToken cancel) {
        boolean[] on = new boolean[w * h];
        for (int i = 0; i < on.length; i++) {
            on[i] = prob[i] > THRESH;
        }
        int[] label = new int[w * h];
        int[] stack = new int[w * h];
        List<int[]> out = new ArrayList<>();
        int next = 0;
        for (int start = 0; start < on.length; start++) {
            if (!on[start] || label[start] != 0) {
                continue;
            }
            if (start % w == 0) {
                cancel.throwIfCancelled();
            }
            next++;
            int top = 0;
            stack[top++] = start;
            label[start] = next;
            int[] boundary = new int[16];
            int nb = 0;
            while (top > 0) {
                int p = stack[--top];
                int x = p % w;
                int y = p / w;
                boolean edge = x == 0 || y == 0 || x == w - 1 || y == h - 1
                        || !on[p - 1] || !on[p + 1] || !on[p - w] || !on[p + w];
                if (edge) {
                    if (nb == boundary.length) {
                        boundary = Arrays.copyOf(boundary, nb * 2);
                    }
                    boundary[nb++] = p;
                }
                for (int dy = -1; dy <= 1; dy++) {
                    int yy = y + dy;
                    if (yy < 0 || yy >= h) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = x + dx;
                        if (xx < 0 || xx >= w) {
                            continue;
                        }
                        int q = yy * w + xx;
                        if (on[q] && label[q] == 0) {
                            label[q] = next;
                            stack[top++] = q;
                        }
                    }
                }
            }
            out.add(Arrays.copyOf(boundary, nb));
        }
        return out;
    }

    /**
     * {@code get_mini_boxes}: the minimum-area rectangle's corners ordered top-left, top-right, bottom-right,
     * bottom-left by PaddleOCR's rule (the two leftmost by x, then each pair by y); null when degenerate.
     */
    static double[][] miniBox(Geometry g) {
        Geometry rect = MinimumAreaRectangle.getMinimumRectangle(g);
        if (!(rect instanceof Polygon) || rect.getCoordinates().length < 5) {
            return null;
        }
        Coordinate[] c = rect.getCoordinates();
        double[][] p = new double[4][];
        for (int i = 0; i < 4; i++) {
            p[i] = new double[] {c[i].x, c[i].y};
        }
        Arrays.sort(p, Comparator.comparingDouble(a -> a[0]));
        double[] tl;
        double[] bl;
        double[] tr;
        double[] br;
        if (p[1][1] > p[0][1]) {
            tl = p[0];
            bl = p[1];
        } else {
            tl = p[1];
            bl = p[0];
        }
        if (p[3][1] > p[2][1]) {
            tr = p[2];
            br = p[3];
        } else {
            tr = p[3];
            br = p[2];
        }
        return new double[][] {tl, tr, br, bl};
    }

    /** The rectangle's shorter side. */
    static double side(double[][] b) {
        return Math.min(Math.hypot(b[0][0] - b[1][0], b[0][1] - b[1][1]), Math.hypot(b[1][0] - b[2][0], b[1][1] - b[2][1]));
    }

    /**
     * {@code box_score_fast}: the mean probability over the pixels of the box's bounding rectangle that the
     * box (its corners truncated to integers, as {@code cv2.fillPoly}) covers, edges included.
     */
    static double scoreFast(float[] prob, int w, int h, double[][] box) {
        int xmin = clamp((int) Math.floor(Math.min(Math.min(box[0][0], box[1][0]), Math.min(box[2][0], box[3][0]))), w - 1);
        int xmax = clamp((int) Math.ceil(Math.max(Math.max(box[0][0], box[1][0]), Math.max(box[2][0], box[3][0]))), w - 1);
        int ymin = clamp((int) Math.floor(Math.min(Math.min(box[0][1], box[1][1]), Math.min(box[2][1], box[3][1]))), h - 1);
        int ymax = clamp((int) Math.ceil(Math.max(Math.max(box[0][1], box[1][1]), Math.max(box[2][1], box[3][1]))), h - 1);
        int[][] poly = new int[4][2];
        for (int i = 0; i < 4; i++) {
            poly[i][0] = (int) box[i][0];
            poly[i][1] = (int) box[i][1];
        }
        double sum = 0;
        int n = 0;
        for (int y = ymin; y <= ymax; y++) {
            for (int x = xmin; x <= xmax; x++) {
                if (inside(poly, x, y)) {
                    sum += prob[y * w + x];
                    n++;
                }
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /** Whether (x, y) is inside or on the convex quadrilateral {@code p}. */
    private static boolean inside(int[][] p, int x, int y) {
        int sign = 0;
        for (int i = 0; i < 4; i++) {
            int[] a = p[i];
            int[] b = p[(i + 1) % 4];
            long cross = (long) (b[0] - a[0]) * (y - a[1]) - (long) (b[1] - a[1]) * (x - a[0]);
            if (cross != 0) {
                int s = cross > 0 ? 1 : -1;
                if (sign != 0 && s != sign) {
                    return false;
                }
                sign = s;
            }
        }
        return true;
    }

    /** The box grown by {@code area * ratio / perimeter} on every side, corners rounded. */
    static Geometry unclip(double[][] box) {
        Coordinate[] ring = new Coordinate[5];
        for (int i = 0; i < 4; i++) {
            ring[i] = new Coordinate(box[i][0], box[i][1]);
        }
        ring[4] = ring[0];
        Polygon poly = GEOMETRY.createPolygon(ring);
        double distance = poly.getArea() * UNCLIP_RATIO / poly.getLength();
        BufferParameters params = new BufferParameters(8, BufferParameters.CAP_ROUND, BufferParameters.JOIN_ROUND, 5);
        return BufferOp.bufferOp(poly, distance, params);
    }

    /** {@code order_points_clockwise} and {@code clip_det_res}: corners clockwise from top-left, as integers inside the picture. */
    static Quad clockwise(double[][] pts, int w, int h) {
        double[][] s = pts.clone();
        Arrays.sort(s, Comparator.comparingDouble(a -> a[0]));
        double[][] left = {s[0], s[1]};
        double[][] right = {s[2], s[3]};
        Arrays.sort(left, Comparator.comparingDouble(a -> a[1]));
        Arrays.sort(right, Comparator.comparingDouble(a -> a[1]));
        double[][] q = {left[0], right[0], right[1], left[1]};
        double[][] out = new double[4][2];
        for (int i = 0; i < 4; i++) {
            out[i][0] = (int) Math.min(Math.max(q[i][0], 0), w - 1);
            out[i][1] = (int) Math.min(Math.max(q[i][1], 0), h - 1);
        }
        return Quad.of(out);
    }

    private static int clamp(int v, int max) {
        return Math.min(Math.max(v, 0), max);
    }
}
