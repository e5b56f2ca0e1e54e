"""Small library shared by the test-data scripts of encodec-parity.

It describes the original EnCodec / AudioCraft checkpoint layout independently of the Java code:

* ``PRESETS``: transformers ``config.json`` dicts of the three full-size models (spec section 3.2),
  except that ``encodec_32khz`` keeps AudioCraft's own ``pad_mode: constant``.
* ``original_keys(cfg)``: the original state dict's names and shapes, in the original module order.
* ``hf_name(name)``: original name -> transformers name (legacy ``weight_g``/``weight_v`` names).
* ``xp_cfg_yaml(cfg)`` / ``xp_cfg_dict(cfg)``: an AudioCraft ``xp.cfg`` for the model.
* ``make_state_dict(cfg, seed)``: a deterministic, sanely scaled random state dict in original names.

Python only makes and cross-checks test data; nothing here is used by the product at runtime.
"""

import hashlib
import math
from collections import OrderedDict

import torch

# --------------------------------------------------------------------------------------------------
# Configs
# --------------------------------------------------------------------------------------------------

_HUB_COMMON = {
    "architectures": ["EncodecModel"],
    "model_type": "encodec",
    "codebook_dim": 128,
    "compress": 2,
    "dilation_growth_rate": 2,
    "hidden_size": 128,
    "kernel_size": 7,
    "last_kernel_size": 7,
    "num_lstm_layers": 2,
    "num_residual_layers": 1,
    "pad_mode": "reflect",
    "residual_kernel_size": 3,
    "torch_dtype": "float32",
    "transformers_version": "4.31.0.dev0",
    "trim_right_ratio": 1.0,
}

PRESETS = {
    "encodec_24khz": dict(_HUB_COMMON, **{
        "_name_or_path": "ArthurZ/encodec_24khz",
        "audio_channels": 1,
        "chunk_length_s": None,
        "overlap": None,
        "codebook_size": 1024,
        "norm_type": "weight_norm",
        "normalize": False,
        "num_filters": 32,
        "sampling_rate": 24000,
        "target_bandwidths": [1.5, 3.0, 6.0, 12.0, 24.0],
        "upsampling_ratios": [8, 5, 4, 2],
        "use_causal_conv": True,
        # use_conv_shortcut absent on the hub -> transformers default True
    }),
    "encodec_48khz": dict(_HUB_COMMON, **{
        "_name_or_path": "ArthurZ/encodec_48khz",
        "audio_channels": 2,
        "chunk_length_s": 1.0,
        "overlap": 0.01,
        "codebook_size": 1024,
        "norm_type": "time_group_norm",
        "normalize": True,
        "num_filters": 32,
        "sampling_rate": 48000,
        "target_bandwidths": [3.0, 6.0, 12.0, 24.0],
        "upsampling_ratios": [8, 5, 4, 2],
        "use_causal_conv": False,
    }),
    "encodec_32khz": dict(_HUB_COMMON, **{
        "audio_channels": 1,
        "chunk_length_s": None,
        "overlap": None,
        "codebook_size": 2048,
        "norm_type": "weight_norm",
        "normalize": False,
        "num_filters": 64,
        # AudioCraft's value; the hub's "reflect" is a known conversion bug (spec 5.2 item 3).
        "pad_mode": "constant",
        "sampling_rate": 32000,
        "target_bandwidths": [2.2],
        "upsampling_ratios": [8, 5, 4, 4],
        "use_causal_conv": False,
        "use_conv_shortcut": False,
    }),
}

# transformers EncodecConfig defaults, for fields a config.json may leave out (spec 3.1).
HF_DEFAULTS = {
    "target_bandwidths": [1.5, 3.0, 6.0, 12.0, 24.0],
    "sampling_rate": 24000,
    "audio_channels": 1,
    "normalize": False,
    "chunk_length_s": None,
    "overlap": None,
    "hidden_size": 128,
    "num_filters": 32,
    "num_residual_layers": 1,
    "upsampling_ratios": [8, 5, 4, 2],
    "norm_type": "weight_norm",
    "kernel_size": 7,
    "last_kernel_size": 7,
    "residual_kernel_size": 3,
    "dilation_growth_rate": 2,
    "use_causal_conv": True,
    "pad_mode": "reflect",
    "compress": 2,
    "num_lstm_layers": 2,
    "trim_right_ratio": 1.0,
    "codebook_size": 1024,
    "codebook_dim": None,
    "use_conv_shortcut": True,
}


def get(cfg, key):
    """Config value with the transformers default when the key is absent."""
    value = cfg.get(key, HF_DEFAULTS[key])
    if key == "codebook_dim" and value is None:
        return get(cfg, "hidden_size")
    return value


def hop_length(cfg):
    return math.prod(get(cfg, "upsampling_ratios"))


def frame_rate(cfg):
    return math.ceil(get(cfg, "sampling_rate") / hop_length(cfg))


def codebook_bits(cfg):
    return math.ceil(math.log2(get(cfg, "codebook_size")))


def num_quantizers(cfg):
    return int(1000 * get(cfg, "target_bandwidths")[-1] // (frame_rate(cfg) * codebook_bits(cfg)))


def n_q_for_bandwidth(cfg, bandwidth):
    """Codebooks used at a bandwidth (kbps); same formula as the original and transformers."""
    bw_per_q = math.log2(get(cfg, "codebook_size")) * frame_rate(cfg)
    return int(max(1, math.floor(bandwidth * 1000 / bw_per_q)))


def chunking(cfg):
    """(chunk_length, chunk_stride) in samples, or (None, None) when the model does not chunk."""
    if get(cfg, "chunk_length_s") is None:
        return None, None
    length = int(get(cfg, "chunk_length_s") * get(cfg, "sampling_rate"))
    if get(cfg, "overlap") is None:
        return length, None
    return length, max(1, int((1.0 - get(cfg, "overlap")) * length))


def family(cfg):
    """'audiocraft' or 'encodec': which code base a checkpoint of this config comes from.

    The original encodec factory never sets ``true_skip``, so its models always have 1x1 conv shortcuts;
    an identity shortcut (``use_conv_shortcut: false``) only exists in AudioCraft models. The two code
    bases register the quantizer at different places, which changes the state dict's key order.
    """
    return "encodec" if get(cfg, "use_conv_shortcut") else "audiocraft"


# --------------------------------------------------------------------------------------------------
# Original key layout (spec 2.1, 2.2)
# --------------------------------------------------------------------------------------------------

def _conv(prefix, cin, cout, k, norm, transposed=False):
    """Keys of one SConv1d / SConvTranspose1d, in state-dict order."""
    inner = "convtr" if transposed else "conv"
    w_shape = [cin, cout, k] if transposed else [cout, cin, k]
    base = f"{prefix}.{inner}.{inner}"
    if norm == "weight_norm":
        # legacy weight_norm deletes 'weight' and registers weight_g, weight_v after 'bias'
        g_rows = cin if transposed else cout  # weight norm uses dim=0 for both conv kinds
        return [(f"{base}.bias", [cout]), (f"{base}.weight_g", [g_rows, 1, 1]), (f"{base}.weight_v", w_shape)]
    if norm == "time_group_norm":
        return [(f"{base}.weight", w_shape), (f"{base}.bias", [cout]),
                (f"{prefix}.{inner}.norm.weight", [cout]), (f"{prefix}.{inner}.norm.bias", [cout])]
    raise ValueError(f"unsupported norm_type {norm!r}")


def _resblock(prefix, dim, cfg):
    norm = get(cfg, "norm_type")
    hidden = dim // get(cfg, "compress")
    keys = _conv(f"{prefix}.block.1", dim, hidden, get(cfg, "residual_kernel_size"), norm)
    keys += _conv(f"{prefix}.block.3", hidden, dim, 1, norm)
    if get(cfg, "use_conv_shortcut"):
        keys += _conv(f"{prefix}.shortcut", dim, dim, 1, norm)
    return keys


def _lstm(prefix, dim, layers):
    keys = []
    for layer in range(layers):
        keys += [(f"{prefix}.lstm.weight_ih_l{layer}", [4 * dim, dim]),
                 (f"{prefix}.lstm.weight_hh_l{layer}", [4 * dim, dim]),
                 (f"{prefix}.lstm.bias_ih_l{layer}", [4 * dim]),
                 (f"{prefix}.lstm.bias_hh_l{layer}", [4 * dim])]
    return keys


def _encoder(cfg):
    norm, nf, ch = get(cfg, "norm_type"), get(cfg, "num_filters"), get(cfg, "audio_channels")
    keys = _conv("encoder.model.0", ch, nf, get(cfg, "kernel_size"), norm)
    idx, mult = 1, 1
    for ratio in reversed(get(cfg, "upsampling_ratios")):
        for _ in range(get(cfg, "num_residual_layers")):
            keys += _resblock(f"encoder.model.{idx}", mult * nf, cfg)
            idx += 1
        idx += 1  # ELU
        keys += _conv(f"encoder.model.{idx}", mult * nf, mult * nf * 2, 2 * ratio, norm)
        idx += 1
        mult *= 2
    keys += _lstm(f"encoder.model.{idx}", mult * nf, get(cfg, "num_lstm_layers"))
    idx += 2  # LSTM, ELU
    keys += _conv(f"encoder.model.{idx}", mult * nf, get(cfg, "hidden_size"), get(cfg, "last_kernel_size"), norm)
    return keys


def _decoder(cfg):
    norm, nf, ch = get(cfg, "norm_type"), get(cfg, "num_filters"), get(cfg, "audio_channels")
    ratios = get(cfg, "upsampling_ratios")
    mult = 2 ** len(ratios)
    keys = _conv("decoder.model.0", get(cfg, "hidden_size"), mult * nf, get(cfg, "kernel_size"), norm)
    keys += _lstm("decoder.model.1", mult * nf, get(cfg, "num_lstm_layers"))
    idx = 2
    for ratio in ratios:
        idx += 1  # ELU
        keys += _conv(f"decoder.model.{idx}", mult * nf, mult * nf // 2, 2 * ratio, norm, transposed=True)
        idx += 1
        for _ in range(get(cfg, "num_residual_layers")):
            keys += _resblock(f"decoder.model.{idx}", mult * nf // 2, cfg)
            idx += 1
        mult //= 2
    idx += 1  # ELU
    keys += _conv(f"decoder.model.{idx}", nf, ch, get(cfg, "last_kernel_size"), norm)
    return keys


def _quantizer(cfg):
    bins, dim = get(cfg, "codebook_size"), get(cfg, "codebook_dim")
    keys = []
    for i in range(num_quantizers(cfg)):
        p = f"quantizer.vq.layers.{i}._codebook"
        keys += [(f"{p}.inited", [1]), (f"{p}.cluster_size", [bins]), (f"{p}.embed", [bins, dim]),
                 (f"{p}.embed_avg", [bins, dim])]
    return keys


def original_keys(cfg, family_name=None):
    """[(name, shape)] of the original state dict, in module registration order.

    encodec's EncodecModel registers encoder, quantizer, decoder; AudioCraft's registers
    encoder, decoder, quantizer (see ``family``).
    """
    if get(cfg, "codebook_dim") != get(cfg, "hidden_size"):
        raise ValueError("original EnCodec has codebook_dim == hidden_size")
    family_name = family_name or family(cfg)
    if family_name == "encodec":
        return _encoder(cfg) + _quantizer(cfg) + _decoder(cfg)
    if family_name == "audiocraft":
        return _encoder(cfg) + _decoder(cfg) + _quantizer(cfg)
    raise ValueError(family_name)


# --------------------------------------------------------------------------------------------------
# Renaming (spec 3.4, 3.5)
# --------------------------------------------------------------------------------------------------

# Plain substring rules applied in this order (spec 3.4). Each original name matches at most one
# of the conv/norm rules, so the order among those does not matter.
_HF_RULES = [
    ("encoder.model.", "encoder.layers."),
    ("decoder.model.", "decoder.layers."),
    ("quantizer.vq.layers.", "quantizer.layers."),
    ("._codebook.", ".codebook."),
    (".conv.conv.", ".conv."),
    (".convtr.convtr.", ".conv."),
    (".conv.norm.", ".norm."),
    (".convtr.norm.", ".norm."),
]


def hf_name(name):
    """Original key -> transformers key with legacy weight_g/weight_v names (as in the hub files)."""
    for old, new in _HF_RULES:
        name = name.replace(old, new)
    return name


def parametrized_name(hf_legacy_name):
    """Legacy weight-norm name -> torch>=2.1 parametrizations name (what EncodecModel.state_dict() uses)."""
    if hf_legacy_name.endswith(".weight_g"):
        return hf_legacy_name[: -len("weight_g")] + "parametrizations.weight.original0"
    if hf_legacy_name.endswith(".weight_v"):
        return hf_legacy_name[: -len("weight_v")] + "parametrizations.weight.original1"
    return hf_legacy_name


def legacy_name(hf_param_name):
    """Inverse of ``parametrized_name``."""
    return (hf_param_name.replace("parametrizations.weight.original0", "weight_g")
            .replace("parametrizations.weight.original1", "weight_v"))


def unwrap_state_dict(obj):
    """Plain state dict from a loaded original checkpoint: plain dict, {'best_state': sd} or
    {'best_state': {'model': sd}} (AudioCraft export and solver checkpoints)."""
    if isinstance(obj, dict) and "best_state" in obj:
        obj = obj["best_state"]
        if isinstance(obj, dict) and "model" in obj and not torch.is_tensor(obj["model"]):
            obj = obj["model"]
    return obj


def to_hf_model_state_dict(original_sd):
    """Original state dict -> state dict loadable with EncodecModel.load_state_dict(strict=True)."""
    return OrderedDict((parametrized_name(hf_name(k)), v) for k, v in original_sd.items())


# --------------------------------------------------------------------------------------------------
# AudioCraft xp.cfg (spec 1.2, 9)
# --------------------------------------------------------------------------------------------------

def _xp_tree(cfg, interpolate):
    """The xp.cfg content as nested dicts; with interpolate=True some values are ${...} references."""
    # AudioCraft has no chunking: chunk_length_s/overlap are not representable, so the package
    # describes the non-chunking variant of a chunking config (renormalize = normalize).
    if get(cfg, "codebook_dim") != get(cfg, "hidden_size"):
        raise ValueError("AudioCraft's RVQ dimension is seanet.dimension")
    sr, ch, causal = get(cfg, "sampling_rate"), get(cfg, "audio_channels"), get(cfg, "use_causal_conv")

    def ref(expr, value):
        return "${" + expr + "}" if interpolate else value

    return {
        # Unrelated training keys first: readers must skip what they do not know.
        "device": "cuda",
        "dtype": "float32",
        "autocast": False,
        "seed": 2036,
        "sample_rate": sr,
        "channels": ch,
        "solver": "compression",
        "compression_model": "encodec",
        "dataset": {"batch_size": 64, "num_workers": 10, "segment_duration": 1,
                    "train": {"num_samples": 500000}, "valid": {"num_samples": 10000}},
        "optim": {"epochs": 200, "updates_per_epoch": 2000, "lr": 0.0003, "optimizer": "adam",
                  "adam": {"betas": [0.5, 0.9], "weight_decay": 0.0}, "ema": {"use": True, "decay": 0.99}},
        "encodec": {"autoencoder": "seanet", "quantizer": "rvq", "sample_rate": ref("sample_rate", sr),
                    "channels": ref("channels", ch), "causal": causal, "renormalize": get(cfg, "normalize")},
        "seanet": {
            "dimension": get(cfg, "hidden_size"),
            "channels": ref("channels", ch),
            "causal": ref("encodec.causal", causal),
            "n_filters": get(cfg, "num_filters"),
            "n_residual_layers": get(cfg, "num_residual_layers"),
            "ratios": list(get(cfg, "upsampling_ratios")),
            "activation": "ELU",
            "activation_params": {"alpha": 1.0},
            "norm": get(cfg, "norm_type"),
            "norm_params": {},
            "kernel_size": get(cfg, "kernel_size"),
            "residual_kernel_size": get(cfg, "residual_kernel_size"),
            "last_kernel_size": get(cfg, "last_kernel_size"),
            "dilation_base": get(cfg, "dilation_growth_rate"),
            "pad_mode": get(cfg, "pad_mode"),
            "true_skip": not get(cfg, "use_conv_shortcut"),
            "compress": get(cfg, "compress"),
            "lstm": get(cfg, "num_lstm_layers"),
            "disable_norm_outer_blocks": 0,
            "encoder": {},
            "decoder": {"trim_right_ratio": get(cfg, "trim_right_ratio"), "final_activation": None,
                        "final_activation_params": None},
        },
        "rvq": {"n_q": num_quantizers(cfg), "bins": get(cfg, "codebook_size"), "decay": 0.99,
                "kmeans_init": True, "kmeans_iters": 50, "threshold_ema_dead_code": 2, "q_dropout": False},
        "logging": {"log_updates": 10, "log_tensorboard": False},
    }


def xp_cfg_yaml(cfg):
    """xp.cfg as AudioCraft stores it in exported packages: an OmegaConf YAML dump, with ${...}
    interpolations resolved against the document root (channels, sample_rate, encodec.causal)."""
    # OmegaConf.to_yaml is yaml.dump(default_flow_style=False, sort_keys=False) with block lists;
    # ${...} stays a plain (unquoted) scalar there, as it does with PyYAML.
    import yaml  # only here: making the 24 and 48 kHz weights needs torch alone
    return yaml.safe_dump(_xp_tree(cfg, True), default_flow_style=False, sort_keys=False)


def xp_cfg_dict(cfg):
    """The same configuration as a plain dict with interpolations resolved (solver checkpoints)."""
    return _xp_tree(cfg, False)


# --------------------------------------------------------------------------------------------------
# Deterministic random weights
# --------------------------------------------------------------------------------------------------

def _generator(seed, name):
    """One generator per (seed, tensor name): a tensor's values do not depend on the others."""
    digest = hashlib.sha256(f"{seed}:{name}".encode()).hexdigest()
    return torch.Generator().manual_seed(int(digest[:15], 16))


def _round_sig(x, digits=2):
    """Round to a few significant digits so calibration constants do not depend on the last ulp."""
    return float(f"{x:.{digits - 1}e}")


def _conv_stride(cfg, name):
    """Stride of the up/down-sampling conv a key belongs to (1 for all other convs)."""
    parts = name.split(".")
    idx = int(parts[2])
    ratios = get(cfg, "upsampling_ratios")
    step = get(cfg, "num_residual_layers") + 2
    if parts[0] == "encoder" and ".block." not in name and ".shortcut." not in name:
        if 1 <= idx < 1 + step * len(ratios) and (idx - 1) % step == step - 1:
            return list(reversed(ratios))[(idx - 1) // step]
    if parts[0] == "decoder" and parts[3] == "convtr":
        return ratios[(idx - 3) // step]
    return 1


def _fan_in(cfg, name, shape):
    if ".convtr." in name:  # [in, out, k]: each output sample sees in * k / stride inputs
        return shape[0] * shape[2] / _conv_stride(cfg, name)
    return shape[1] * shape[2]


def _random_weights(cfg, seed):
    """Every tensor except the codebooks, in original order (codebooks get placeholders)."""
    sd = OrderedDict()
    keys = original_keys(cfg)
    shapes = dict(keys)
    for name, shape in keys:
        g = _generator(seed, name)
        if name.endswith("weight_v") or (name.endswith(".weight") and (".conv.conv." in name or ".convtr.convtr." in name)):
            t = torch.randn(shape, generator=g) * math.sqrt(2.0 / _fan_in(cfg, name, shape))
        elif name.endswith("weight_g"):
            v_name = name[: -len("weight_g")] + "weight_v"
            v = torch.randn(shapes[v_name], generator=_generator(seed, v_name)) * math.sqrt(
                2.0 / _fan_in(cfg, v_name, shapes[v_name]))
            # per dim-0 norm of v: output rows for conv, INPUT channels for transposed conv ([in, out, k])
            norm = v.flatten(1).norm(dim=1).reshape(shape)
            t = norm * (0.5 + torch.rand(shape, generator=g))
        elif ".norm.weight" in name:  # GroupNorm affine, deliberately not (1, 0)
            t = 1.0 + 0.1 * torch.randn(shape, generator=g)
        elif ".norm.bias" in name:
            t = 0.05 * torch.randn(shape, generator=g)
        elif ".lstm." in name:
            bound = 1.0 / math.sqrt(shape[-1] if "weight" in name else shape[0] // 4)
            t = (torch.rand(shape, generator=g) * 2 - 1) * bound
        elif name.endswith(".bias"):
            t = 0.02 * torch.randn(shape, generator=g)
        elif name.endswith(".inited"):
            t = torch.ones(shape)
        elif name.endswith(".cluster_size"):
            t = 1.0 + 99.0 * torch.rand(shape, generator=g)
        elif name.endswith(".embed") or name.endswith(".embed_avg"):
            t = torch.zeros(shape)  # filled by _calibrate_codebooks
        else:
            raise ValueError(f"no rule for {name}")
        sd[name] = t.to(torch.float32).contiguous()
    return sd


def _build_hf_model(cfg, original_sd):
    from transformers import EncodecConfig, EncodecModel
    model = EncodecModel(EncodecConfig(**cfg))
    model.load_state_dict(to_hf_model_state_dict(original_sd), strict=True)
    return model.eval()


def _calibration_noise(cfg, seed):
    sr, ch = get(cfg, "sampling_rate"), get(cfg, "audio_channels")
    # RMS 1 for normalising models (they see normalised chunks), 0.1 otherwise (a typical audio level).
    level = 1.0 if get(cfg, "normalize") else 0.1
    return torch.randn(1, ch, min(sr // 2, 16000), generator=_generator(seed, "calibration-noise")) * level


def _calibrate_codebooks(cfg, sd, seed, stats=None):
    """Codebooks scaled like the model's latents so that codes vary: encode seeded noise, then for
    each RVQ layer draw entries around the current residual's per-dim mean with its std (both rounded),
    quantize, and go on with the new residual (deeper codebooks get smaller scales by themselves).
    With ``stats`` (what an earlier call returned) the rounded numbers are taken from it instead, and no
    model runs: a machine with torch alone makes the same codebooks. Returns the stats used."""
    residual = None
    if stats is None:
        model = _build_hf_model(cfg, sd)
        with torch.inference_mode():
            latent = model.encoder(_calibration_noise(cfg, seed))  # [1, D, T]
        residual = latent[0].t().double()  # [T, D]
        stats = []
    bins, dim = get(cfg, "codebook_size"), get(cfg, "codebook_dim")
    for i in range(num_quantizers(cfg)):
        p = f"quantizer.vq.layers.{i}._codebook"
        if residual is not None:
            std = _round_sig(residual.std().item())
            stats.append({"std": std, "mean": [_round_sig(m, 1) if abs(m) > 0.25 * std else 0.0
                                               for m in residual.mean(0).tolist()]})
        std, mean = stats[i]["std"], torch.tensor(stats[i]["mean"], dtype=torch.float64)
        embed = mean + std * torch.randn(bins, dim, generator=_generator(seed, p + ".embed"), dtype=torch.float64)
        embed = embed.to(torch.float32)
        sd[f"{p}.embed"] = embed
        sd[f"{p}.embed_avg"] = (embed * sd[f"{p}.cluster_size"][:, None]).contiguous()
        if residual is not None:
            nearest = torch.cdist(residual, embed.double()).argmin(1)
            residual = residual - embed.double()[nearest]
    return stats


def _calibrate_output_gain(cfg, sd, seed, gain=None, target_rms=0.1):
    """Random weights amplify (the tiny 24 kHz decoder gave outputs near +-1000). For weight-norm models
    scale the last decoder conv's weight_g by a rounded factor so that decoding the noise's codes gives
    RMS ~0.1. time_group_norm models end in a GroupNorm (unit scale, times the input scale when
    normalising) and are left as they are. With ``gain`` (what an earlier call returned) no model runs.
    Returns the gain used (None when none applies)."""
    if get(cfg, "norm_type") != "weight_norm":
        return None
    if gain is None:
        model = _build_hf_model(cfg, sd)
        with torch.inference_mode():
            noise = _calibration_noise(cfg, seed)
            enc = model.encode(noise, bandwidth=get(cfg, "target_bandwidths")[-1])
            out = model.decode(enc.audio_codes, enc.audio_scales, last_frame_pad_length=enc.last_frame_pad_length)[0]
        gain = _round_sig(target_rms / out.pow(2).mean().sqrt().item())
    last = _decoder(cfg)[-1][0]  # weight_v of the final decoder conv
    g_name = last[: -len("weight_v")] + "weight_g"
    sd[g_name] = (sd[g_name] * gain).contiguous()
    return gain


def make_state_dict(cfg, seed, calibration=None):
    """Deterministic float32 state dict in original names and order (see module docstring). The
    calibration (rounded codebook statistics and output gain) is measured with transformers' model, or,
    given as ``make_state_dict_and_calibration`` returned it, taken as it is: torch alone then makes the
    same weights (scripts/gpu-run does so on a machine without transformers)."""
    return make_state_dict_and_calibration(cfg, seed, calibration)[0]


def make_state_dict_and_calibration(cfg, seed, calibration=None):
    """``make_state_dict`` and the calibration it used: {"codebooks": [{"std", "mean"}, ...], "gain"}."""
    torch.manual_seed(0)  # transformers' own init of the throw-away models must not vary either
    sd = _random_weights(cfg, seed)
    stats = _calibrate_codebooks(cfg, sd, seed, calibration["codebooks"] if calibration else None)
    gain = _calibrate_output_gain(cfg, sd, seed, calibration["gain"] if calibration else None)
    return sd, {"codebooks": stats, "gain": gain}


# --------------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------------

def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_tsv(path):
    """Rows of a keys/*.tsv file without the header line, split on tabs."""
    with open(path) as f:
        return [line.rstrip("\n").split("\t") for line in f if not line.startswith("#")]


def shape_str(shape):
    return "[" + ", ".join(str(int(d)) for d in shape) + "]"
