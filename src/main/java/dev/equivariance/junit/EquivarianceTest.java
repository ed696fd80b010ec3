package dev.equivariance.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class whose methods audit a model with {@link EquivariantUnder} / {@link InvariantUnder}; registers
 * the {@link EquivarianceExtension}. (The method annotations register it too, so this is optional.)
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(EquivarianceExtension.class)
public @interface EquivarianceTest {
}
