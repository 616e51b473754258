package io.prunegcrn.api;

import org.springframework.stereotype.Component;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * JSON has no NaN or infinity; Jackson would write them as the strings "NaN" and "Infinity", which clients then
 * misread as text. A number that is not (yet) known, such as the validation MAE before the first validation, is
 * sent as {@code null}.
 */
@Component
class FiniteNumbersModule extends SimpleModule {

    FiniteNumbersModule() {
        super("finite-numbers");
        ValueSerializer<Double> doubles = new ValueSerializer<>() {
            @Override
            public void serialize(Double value, JsonGenerator gen, SerializationContext context) {
                if (Double.isFinite(value)) {
                    gen.writeNumber(value);
                } else {
                    gen.writeNull();
                }
            }
        };
        ValueSerializer<Float> floats = new ValueSerializer<>() {
            @Override
            public void serialize(Float value, JsonGenerator gen, SerializationContext context) {
                if (Float.isFinite(value)) {
                    gen.writeNumber(value);
                } else {
                    gen.writeNull();
                }
            }
        };
        addSerializer(Double.class, doubles);
        addSerializer(double.class, doubles);
        addSerializer(Float.class, floats);
        addSerializer(float.class, floats);
    }
}
