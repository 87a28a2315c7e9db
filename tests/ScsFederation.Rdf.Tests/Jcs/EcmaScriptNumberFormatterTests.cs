using System.Globalization;
using ScsFederation.Rdf.Json;

namespace ScsFederation.Rdf.Tests.Jcs;

/// <summary>Number serialization of RFC 8785 (ECMAScript Number::toString).</summary>
public sealed class EcmaScriptNumberFormatterTests
{
    /// <summary>RFC 8785 Appendix B: IEEE 754 bit patterns and their required JSON text (also checked against Node.js 20).</summary>
    [Theory]
    [InlineData("0000000000000000", "0")]
    [InlineData("8000000000000000", "0")]
    [InlineData("0000000000000001", "5e-324")]
    [InlineData("8000000000000001", "-5e-324")]
    [InlineData("7fefffffffffffff", "1.7976931348623157e+308")]
    [InlineData("ffefffffffffffff", "-1.7976931348623157e+308")]
    [InlineData("4340000000000000", "9007199254740992")]
    [InlineData("c340000000000000", "-9007199254740992")]
    [InlineData("4430000000000000", "295147905179352830000")]
    [InlineData("44b52d02c7e14af5", "9.999999999999997e+22")]
    [InlineData("44b52d02c7e14af6", "1e+23")]
    [InlineData("44b52d02c7e14af7", "1.0000000000000001e+23")]
    [InlineData("444b1ae4d6e2ef4e", "999999999999999700000")]
    [InlineData("444b1ae4d6e2ef4f", "999999999999999900000")]
    [InlineData("444b1ae4d6e2ef50", "1e+21")]
    [InlineData("3eb0c6f7a0b5ed8c", "9.999999999999997e-7")]
    [InlineData("3eb0c6f7a0b5ed8d", "0.000001")]
    [InlineData("41b3de4355555553", "333333333.3333332")]
    [InlineData("41b3de4355555554", "333333333.33333325")]
    [InlineData("41b3de4355555555", "333333333.3333333")]
    [InlineData("41b3de4355555556", "333333333.3333334")]
    [InlineData("41b3de4355555557", "333333333.33333343")]
    [InlineData("becbf647612f3696", "-0.0000033333333333333333")]
    [InlineData("43143ff3c1cb0959", "1424953923781206.2")]
    public void Rfc8785AppendixB(string ieeeHex, string expected)
    {
        double value = BitConverter.Int64BitsToDouble(long.Parse(ieeeHex, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        Assert.Equal(expected, EcmaScriptNumberFormatter.Format(value));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NonFiniteNumbers_AreRejected(double value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EcmaScriptNumberFormatter.Format(value));

    /// <summary>Any finite double must round-trip and use the ECMAScript layout (exponent form exactly outside 1e-7..1e21).</summary>
    [Fact]
    public void RandomDoubles_RoundTripWithEcmaScriptLayout()
    {
        var random = new Random(8785);
        Span<byte> bits = stackalloc byte[8];
        for (int i = 0; i < 200_000; i++)
        {
            random.NextBytes(bits);
            double value = BitConverter.ToDouble(bits);
            if (!double.IsFinite(value)) continue;
            string text = EcmaScriptNumberFormatter.Format(value);
            Assert.Equal(value == 0 ? 0d : value, double.Parse(text, CultureInfo.InvariantCulture));
            double magnitude = Math.Abs(value);
            bool exponentForm = text.Contains('e');
            Assert.Equal(magnitude != 0 && (magnitude >= 1e21 || magnitude < 1e-6), exponentForm);
            Assert.DoesNotContain("E", text);
            Assert.DoesNotContain("+", text.Split('e')[0]);
        }
    }
}
