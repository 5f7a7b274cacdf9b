using System.Runtime.Versioning;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Keys;
using ActorTrust.Runtime.Keys;

namespace ActorTrust.Runtime.Tests.Keys;

[UnsupportedOSPlatform("windows")]
public sealed class KeyFileIoTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _directory = Directory.CreateTempSubdirectory("actortrust-keyfile-").FullName;
    private readonly Ed25519KeyPair _keyPair = Ed25519KeyPair.Generate();

    public void Dispose()
    {
        _keyPair.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private string PathTo(string name) => Path.Combine(_directory, name);

    private KeyFile NewKeyFile(string label = "test") => KeyFile.Create(_keyPair, DateTimeOffset.UnixEpoch, label);

    [Fact]
    public void Written_key_file_is_owner_read_write_only()
    {
        var path = PathTo("node.key");
        using var keyFile = NewKeyFile();

        KeyFileIo.Write(path, keyFile);

        File.GetUnixFileMode(path).ShouldBe(OwnerOnly);
    }

    [Fact]
    public void Written_key_file_reads_back_as_the_same_key()
    {
        var path = PathTo("node.key");
        using var keyFile = NewKeyFile("node-a");
        KeyFileIo.Write(path, keyFile);

        using var read = KeyFileIo.Read(path);

        read.KeyId.ShouldBe(_keyPair.PublicKey.KeyId);
        read.Label.ShouldBe("node-a");
        read.KeyPair.Sign("m"u8).ShouldBe(_keyPair.Sign("m"u8));
    }

    [Fact]
    public void Existing_file_is_not_overwritten_by_default()
    {
        var path = PathTo("node.key");
        File.WriteAllText(path, "precious");
        using var keyFile = NewKeyFile();

        Should.Throw<IOException>(() => KeyFileIo.Write(path, keyFile)).Message.ShouldContain("already exists");
        File.ReadAllText(path).ShouldBe("precious");
    }

    [Fact]
    public void Overwrite_replaces_the_file_with_a_fresh_owner_only_file()
    {
        var path = PathTo("node.key");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        using var keyFile = NewKeyFile();

        KeyFileIo.Write(path, keyFile, overwrite: true);

        File.GetUnixFileMode(path).ShouldBe(OwnerOnly);
        using var read = KeyFileIo.Read(path);
        read.KeyId.ShouldBe(keyFile.KeyId);
        Directory.GetFiles(_directory).ShouldBe([path]);
    }

    [Theory]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.GroupWrite)]
    public void Key_file_accessible_by_group_or_others_is_refused(UnixFileMode extra)
    {
        var path = PathTo("node.key");
        using var keyFile = NewKeyFile();
        KeyFileIo.Write(path, keyFile);
        File.SetUnixFileMode(path, OwnerOnly | extra);

        Should.Throw<IOException>(() => KeyFileIo.Read(path)).Message.ShouldContain("chmod 600");
    }

    [Fact]
    public void Oversize_key_file_is_refused_before_parsing()
    {
        var path = PathTo("big.key");
        File.WriteAllBytes(path, new byte[KeyFile.MaxSize + 1]);
        File.SetUnixFileMode(path, OwnerOnly);

        Should.Throw<FormatException>(() => KeyFileIo.Read(path)).Message.ShouldContain($"the limit is {KeyFile.MaxSize}");
    }

    [Fact]
    public void Corrupt_key_file_is_refused_naming_the_path_and_the_reason()
    {
        var path = PathTo("node.key");
        File.WriteAllText(path, "{\"kind\":\"actortrust.ed25519-key\"");
        File.SetUnixFileMode(path, OwnerOnly);

        var message = Should.Throw<FormatException>(() => KeyFileIo.Read(path)).Message;

        message.ShouldContain(path);
        message.ShouldContain("not valid JSON");
    }
}
