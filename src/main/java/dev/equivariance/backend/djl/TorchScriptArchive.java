package dev.equivariance.backend.djl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * What a TorchScript archive (a {@code .pt} file, a zip) says about its module: the class of the top module (the
 * first class in {@code data.pkl}), and, from that class's source in {@code <root>/code/__torch__/...py}, each child
 * it declares with its type, e.g. {@code act1 : __torch__.torch.nn.modules.activation.ReLU}. From the child's own
 * class source come the details diagnosis needs: whether it is a pointwise activation or batch norm, a convolution's
 * padding mode, and whether its {@code forward} maps one tensor to one tensor. The archive can also be written again
 * with one extra method per child that runs that child alone, so that layers of a TorchScript module can be tested
 * on their own like the children of a DJL {@code SequentialBlock}.
 */
final class TorchScriptArchive {

    /** Pointwise activations of {@code torch.nn.modules.activation} (not softmax or attention, which mix values). */
    private static final Set<String> POINTWISE = Set.of("ReLU", "ReLU6", "RReLU", "LeakyReLU", "PReLU", "ELU", "SELU",
            "CELU", "GELU", "SiLU", "Mish", "Sigmoid", "LogSigmoid", "Tanh", "Tanhshrink", "Softplus", "Softsign",
            "Softshrink", "Hardshrink", "Hardtanh", "Hardsigmoid", "Hardswish", "Threshold");
    private static final Pattern MANGLE = Pattern.compile("\\.?___torch_mangle_\\d+");
    private static final Pattern CHILD = Pattern.compile("^  (\\w+) : (__torch__\\.[\\w.]+)\\s*$");
    private static final Pattern ANNOTATED_CHILD = Pattern.compile(
            "^  __annotations__\\[\"([^\"]+)\"\\] = (__torch__\\.[\\w.]+)\\s*$");
    private static final Pattern PADDING_MODE = Pattern.compile("^  padding_mode : Final\\[str\\] = \"(\\w+)\"",
            Pattern.MULTILINE);
    private static final Pattern PADDING = Pattern.compile("^  padding : Final\\[([^\\]]*\\]?)\\] = (.+)$",
            Pattern.MULTILINE);

    /** Prefix of the methods {@link #withLayerMethods} adds; the index of the child follows. */
    static final String LAYER_METHOD = "__equivariance_layer_";

    /**
     * One child module of the top module.
     *
     * @param name the attribute name ({@code act1}, or {@code 0} for a Sequential's children)
     * @param type the qualified TorchScript type, e.g. {@code __torch__.torch.nn.modules.activation.ReLU}
     * @param kind the class name without module and mangling, e.g. {@code ReLU}, {@code Conv2d}, {@code Gate}
     * @param activation whether it is a pointwise nonlinearity of {@code torch.nn}
     * @param batchNorm whether it is a batch norm of {@code torch.nn} (its output depends on the batch in training)
     * @param padding for a padding convolution its {@code padding_mode} ({@code zeros}, {@code circular}, ...),
     *                else null
     * @param tensorToTensor whether its {@code forward} takes one tensor and returns one
     */
    record Child(String name, String type, String kind, boolean activation, boolean batchNorm, String padding,
                 boolean tensorToTensor) {
    }

    private final Map<String, byte[]> entries;
    private final Map<String, Integer> methods;
    private final String root;
    private final String topType;
    private final List<Child> children;

    private TorchScriptArchive(Map<String, byte[]> entries, Map<String, Integer> methods, String root, String topType) {
        this.entries = entries;
        this.methods = methods;
        this.root = root;
        this.topType = topType;
        this.children = childrenOf(topType);
    }

    /** Reads an archive; empty when the file is not a TorchScript zip this class understands. */
    static Optional<TorchScriptArchive> read(Path file) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Map<String, Integer> methods = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
                methods.put(e.getName(), e.getMethod());
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        String pkl = entries.keySet().stream().filter(n -> n.endsWith("/data.pkl") && n.indexOf('/') == n.length() - 9)
                .findFirst().orElse(null);
        if (pkl == null) {
            return Optional.empty();
        }
        String root = pkl.substring(0, pkl.length() - "data.pkl".length());
        String top = firstGlobal(entries.get(pkl));
        if (top == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TorchScriptArchive(entries, methods, root, top));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The qualified type of the top module, e.g. {@code __torch__.VectorNet}. */
    String topType() {
        return topType;
    }

    /** The children the top module declares, in declaration order. */
    List<Child> children() {
        return children;
    }

    /**
     * The child with this attribute name, or for a dotted path ({@code blocks.3}) the descendant it names (its
     * {@link Child#name()} is the whole path).
     */
    Optional<Child> child(String name) {
        String[] path = name.split("\\.");
        List<Child> level = children;
        Child found = null;
        for (int i = 0; i < path.length; i++) {
            String segment = path[i];
            found = level.stream().filter(c -> c.name().equals(segment)).findFirst().orElse(null);
            if (found == null) {
                return Optional.empty();
            }
            if (i + 1 < path.length) {
                level = childrenOf(found.type());
            }
        }
        Child c = found;
        return Optional.of(path.length == 1 ? c : new Child(name, c.type(), c.kind(), c.activation(), c.batchNorm(),
                c.padding(), c.tensorToTensor()));
    }

    /**
     * Writes a copy of the archive into {@code dir} whose top class has, for child {@code names.get(i)}, a method
     * {@code __equivariance_layer_i(x)} returning {@code child.forward(x)} (children that do not map one tensor to
     * one get none). The method bodies are appended to the top class's source; its debug table, whose source
     * ranges no longer match, is left out.
     *
     * @return the written file, or empty when no child can get a method
     */
    Optional<Path> withLayerMethods(List<String> names, Path dir) throws IOException {
        String file = sourceFile(topType);
        String cls = simpleClass(topType);
        byte[] source = entries.get(file);
        if (source == null) {
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>(List.of(new String(source, StandardCharsets.UTF_8).split("\n", -1)));
        int[] block = classBlock(lines, cls);
        if (block == null) {
            return Optional.empty();
        }
        List<String> added = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Optional<Child> c = names.get(i) == null ? Optional.empty() : child(names.get(i));
            if (c.isEmpty() || !c.get().tensorToTensor()) {
                continue;
            }
            added.add("  def " + LAYER_METHOD + i + "(self: " + topType + ",");
            added.add("    x: Tensor) -> Tensor:");
            String target = "self";
            for (String segment : c.get().name().split("\\.")) {
                target = "getattr(" + target + ", \"" + segment + "\")";
            }
            added.add("    _0 = " + target);
            added.add("    return (_0).forward(x, )");
        }
        if (added.isEmpty()) {
            return Optional.empty();
        }
        lines.addAll(block[1], added);
        Map<String, byte[]> copy = new LinkedHashMap<>(entries);
        copy.put(file, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        copy.remove(file + ".debug_pkl");
        Path out = Files.createTempFile(dir, "layers-", ".pt");
        try (OutputStream os = Files.newOutputStream(out); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : copy.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                if (methods.getOrDefault(e.getKey(), ZipEntry.STORED) == ZipEntry.STORED) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCompressedSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                } else {
                    entry.setMethod(ZipEntry.DEFLATED);
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return Optional.of(out);
    }

    /** The child modules a class declares, in declaration order. */
    private List<Child> childrenOf(String type) {
        String source = source(type);
        if (source == null) {
            return List.of();
        }
        List<Child> out = new ArrayList<>();
        for (String line : source.split("\n")) {
            Matcher m = CHILD.matcher(line);
            Matcher a = ANNOTATED_CHILD.matcher(line);
            if (m.matches()) {
                out.add(describe(m.group(1), m.group(2)));
            } else if (a.matches()) {
                out.add(describe(a.group(1), a.group(2)));
            }
        }
        return List.copyOf(out);
    }

    private Child describe(String name, String type) {
        String plain = MANGLE.matcher(type).replaceAll("");
        String kind = plain.substring(plain.lastIndexOf('.') + 1);
        String module = plain.substring(0, Math.max(0, plain.lastIndexOf('.')));
        boolean torchNn = module.startsWith("__torch__.torch.nn.modules.");
        boolean activation = module.equals("__torch__.torch.nn.modules.activation") && POINTWISE.contains(kind);
        boolean batchNorm = torchNn && module.endsWith(".batchnorm") && kind.contains("BatchNorm");
        String cls = source(type);
        String padding = cls == null ? null : padding(cls);
        return new Child(name, type, kind, activation, batchNorm, padding, cls != null && tensorToTensor(cls));
    }

    /** A convolution's padding mode when it pads at all (padding other than 0 or "valid"), else null. */
    private static String padding(String cls) {
        Matcher mode = PADDING_MODE.matcher(cls);
        Matcher pad = PADDING.matcher(cls);
        if (!mode.find() || !pad.find()) {
            return null;
        }
        String value = pad.group(2).trim();
        boolean pads = value.startsWith("\"") ? !value.equals("\"valid\"") : value.matches(".*[1-9].*");
        return pads ? mode.group(1) : null;
    }

    /** Whether the class's forward takes one Tensor (besides self) and returns a Tensor. */
    private static boolean tensorToTensor(String cls) {
        int start = cls.indexOf("  def forward(");
        if (start < 0) {
            return false;
        }
        int end = cls.indexOf(":\n", cls.indexOf(")", start));
        String header = cls.substring(start, end < 0 ? cls.length() : end).replace('\n', ' ');
        int open = header.indexOf('(');
        int close = header.lastIndexOf(')');
        if (open < 0 || close < open || !header.substring(close).replace(" ", "").equals(")->Tensor")) {
            return false;
        }
        String[] params = header.substring(open + 1, close).split(",");
        List<String> rest = new ArrayList<>();
        for (String p : params) {
            if (!p.isBlank()) {
                rest.add(p.trim());
            }
        }
        return rest.size() == 2 && rest.get(0).startsWith("self") && rest.get(1).endsWith(": Tensor");
    }

    /** The source of one class, or null. */
    private String source(String type) {
        byte[] file = entries.get(sourceFile(type));
        if (file == null) {
            return null;
        }
        List<String> lines = List.of(new String(file, StandardCharsets.UTF_8).split("\n", -1));
        int[] block = classBlock(lines, simpleClass(type));
        return block == null ? null : String.join("\n", lines.subList(block[0], block[1])) + "\n";
    }

    /** {@code __torch__.a.b.Cls} lives in {@code <root>code/__torch__/a/b.py}. */
    private String sourceFile(String type) {
        return root + "code/" + type.substring(0, type.lastIndexOf('.')).replace('.', '/') + ".py";
    }

    private static String simpleClass(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    /** The lines [start, end) of {@code class cls(...):} and its indented body, or null. */
    private static int[] classBlock(List<String> lines, String cls) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("class " + cls + "(")) {
                int end = i + 1;
                while (end < lines.size() && (lines.get(end).startsWith(" ") || lines.get(end).isEmpty()
                        && end + 1 < lines.size() && lines.get(end + 1).startsWith(" "))) {
                    end++;
                }
                return new int[] {i, end};
            }
        }
        return null;
    }

    /**
     * The first global a pickle names, {@code module.name}: in a TorchScript {@code data.pkl} the class of the top
     * module (opcode {@code c}, "module\nname\n", or protocol 4's {@code \u0093} after two short strings).
     */
    static String firstGlobal(byte[] pickle) {
        for (int i = 0; i < pickle.length; i++) {
            int op = pickle[i] & 0xff;
            if (op == 'c') {
                int a = indexOf(pickle, (byte) '\n', i + 1);
                int b = a < 0 ? -1 : indexOf(pickle, (byte) '\n', a + 1);
                if (b < 0) {
                    return null;
                }
                String module = new String(pickle, i + 1, a - i - 1, StandardCharsets.UTF_8);
                String name = new String(pickle, a + 1, b - a - 1, StandardCharsets.UTF_8);
                return module + "." + name;
            }
            if (op == 0x80) { // PROTO n
                i++;
                continue;
            }
            return null;
        }
        return null;
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "TorchScriptArchive(%s, %d children)", topType, children.size());
    }

}
