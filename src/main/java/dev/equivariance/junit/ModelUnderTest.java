package dev.equivariance.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the static method or field that supplies the model of a test class: a DJL {@code Block} or {@code Model}, or
 * an {@link dev.equivariance.tensor.AuditedModel}. The model is created once per class, shared by its audits, and
 * closed after the class (when it is {@link AutoCloseable}).
 */
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ModelUnderTest {

    /** A name to select this model with {@code model = "..."} when a class has several; default: member name. */
    String value() default "";
}
