package dev.equivariance.junit;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Finds and calls the {@link ModelUnderTest} members of a test class (annotated directly or through a composed
 * annotation). Misconfiguration is an {@link IllegalArgumentException}; a supplier that throws is a
 * {@link SupplierFailed}.
 */
final class ModelSource {

    private ModelSource() {
    }

    /** The member supplying the model named {@code name} (or the only one when name is blank). */
    static Member find(Class<?> testClass, String name) {
        List<Member> members = new ArrayList<>();
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (AnnotationSupport.isAnnotated(m, ModelUnderTest.class)) {
                    members.add(m);
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (AnnotationSupport.isAnnotated(f, ModelUnderTest.class)) {
                    members.add(f);
                }
            }
        }
        if (members.isEmpty()) {
            throw new IllegalArgumentException("No model supplied: annotate a static method or field of "
                    + testClass.getSimpleName() + " with @ModelUnderTest (returning a DJL Block or Model), or return a "
                    + "spec with a model from spec = \"...\"");
        }
        if (name.isBlank()) {
            if (members.size() > 1) {
                throw new IllegalArgumentException(testClass.getSimpleName() + " has " + members.size()
                        + " @ModelUnderTest members (" + names(members) + "); choose one with model = \"...\"");
            }
            return members.get(0);
        }
        for (Member m : members) {
            if (nameOf(m).equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("No @ModelUnderTest named '" + name + "' in " + testClass.getSimpleName()
                + "; available: " + names(members));
    }

    static String nameOf(Member m) {
        ModelUnderTest a = AnnotationSupport.findAnnotation((java.lang.reflect.AnnotatedElement) m,
                ModelUnderTest.class).orElseThrow();
        return a.value().isBlank() ? m.getName() : a.value();
    }

    /** Calls the static method or reads the static field. */
    static Object create(Member member) {
        if (!Modifier.isStatic(member.getModifiers())) {
            throw new IllegalArgumentException("@ModelUnderTest " + member.getName() + " must be static: the model is "
                    + "created once per test class");
        }
        try {
            if (member instanceof Method m) {
                if (m.getParameterCount() != 0) {
                    throw new IllegalArgumentException("@ModelUnderTest method " + m.getName()
                            + " must take no parameters");
                }
                m.setAccessible(true);
                return m.invoke(null);
            }
            Field f = (Field) member;
            f.setAccessible(true);
            return f.get(null);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new SupplierFailed("@ModelUnderTest " + member.getName() + " threw "
                    + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("Cannot access @ModelUnderTest " + member.getName() + ": " + e.getMessage(),
                    e);
        }
    }

    private static String names(List<Member> members) {
        return String.join(", ", members.stream().map(ModelSource::nameOf).toList());
    }

    /** The model supplier itself threw: not a misconfiguration, the user's code failed. */
    static final class SupplierFailed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        SupplierFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
