"""A tiny H.264 (Baseline) encoder that writes pictures as uncompressed I_PCM macroblocks.

Why: the sample portal's videos must really play, and no encoder may be assumed on the machine.
An IDR picture made only of I_PCM macroblocks carries raw YUV 4:2:0 samples, and a P picture that
skips every macroblock repeats the previous one; both are plain, standard H.264 that any decoder
plays. The result is a slide show of coloured frames, a few tens of KB per key frame.
"""

from __future__ import annotations

from dataclasses import dataclass

NAL_SLICE = 1
NAL_IDR = 5
NAL_SPS = 7
NAL_PPS = 8

PROFILE_BASELINE = 66
LEVEL = 30
#: constraint_set0 and constraint_set1: the stream is Baseline and Main compatible
CONSTRAINT_FLAGS = 0xC0
_LOG2_MAX_FRAME_NUM = 4
_MB_TYPE_I_PCM = 25
_SLICE_TYPE_P_ALL = 5
_SLICE_TYPE_I_ALL = 7


class BitWriter:
    """MSB-first bit writer with the Exp-Golomb codes of the H.264 syntax."""

    def __init__(self) -> None:
        self._bytes = bytearray()
        self._acc = 0
        self._nbits = 0

    def u(self, nbits: int, value: int) -> None:
        for shift in range(nbits - 1, -1, -1):
            self._acc = (self._acc << 1) | ((value >> shift) & 1)
            self._nbits += 1
            if self._nbits == 8:
                self._bytes.append(self._acc)
                self._acc = 0
                self._nbits = 0

    def ue(self, value: int) -> None:
        code = value + 1
        length = code.bit_length()
        self.u(length - 1, 0)
        self.u(length, code)

    def se(self, value: int) -> None:
        self.ue(2 * value - 1 if value > 0 else -2 * value)

    @property
    def byte_aligned(self) -> bool:
        return self._nbits == 0

    def align_zero(self) -> None:
        while not self.byte_aligned:
            self.u(1, 0)

    def raw(self, data: bytes) -> None:
        if not self.byte_aligned:
            raise ValueError("raw bytes need a byte-aligned writer")
        self._bytes.extend(data)

    def to_bytes(self) -> bytes:
        """Everything written so far, zero-padded to a whole byte."""
        self.align_zero()
        return bytes(self._bytes)

    def trailing_bits(self) -> bytes:
        """rbsp_trailing_bits(): a stop bit then zeros to the byte boundary; returns the RBSP."""
        self.u(1, 1)
        return self.to_bytes()


def escape_emulation(rbsp: bytes) -> bytes:
    """Insert emulation_prevention_three_byte wherever 00 00 is followed by a byte <= 3."""
    out = bytearray()
    zeros = 0
    for byte in rbsp:
        if zeros >= 2 and byte <= 3:
            out.append(3)
            zeros = 0
        out.append(byte)
        zeros = zeros + 1 if byte == 0 else 0
    return bytes(out)


def nal_unit(nal_ref_idc: int, nal_type: int, rbsp: bytes) -> bytes:
    return bytes([(nal_ref_idc << 5) | nal_type]) + escape_emulation(rbsp)


@dataclass(frozen=True)
class Picture:
    """One YUV 4:2:0 picture: Y is width*height bytes, Cb and Cr width*height/4 each, row-major."""

    width: int
    height: int
    y: bytes
    cb: bytes
    cr: bytes


def sps(width_mbs: int, height_mbs: int) -> bytes:
    w = BitWriter()
    w.u(8, PROFILE_BASELINE)
    w.u(8, CONSTRAINT_FLAGS)
    w.u(8, LEVEL)
    w.ue(0)  # seq_parameter_set_id
    w.ue(_LOG2_MAX_FRAME_NUM - 4)
    w.ue(2)  # pic_order_cnt_type 2: output order is decode order
    w.ue(1)  # max_num_ref_frames
    w.u(1, 0)  # gaps_in_frame_num_value_allowed_flag
    w.ue(width_mbs - 1)
    w.ue(height_mbs - 1)
    w.u(1, 1)  # frame_mbs_only_flag
    w.u(1, 1)  # direct_8x8_inference_flag
    w.u(1, 0)  # frame_cropping_flag
    w.u(1, 0)  # vui_parameters_present_flag
    return nal_unit(3, NAL_SPS, w.trailing_bits())


def pps() -> bytes:
    w = BitWriter()
    w.ue(0)  # pic_parameter_set_id
    w.ue(0)  # seq_parameter_set_id
    w.u(1, 0)  # entropy_coding_mode_flag: CAVLC
    w.u(1, 0)  # bottom_field_pic_order_in_frame_present_flag
    w.ue(0)  # num_slice_groups_minus1
    w.ue(0)  # num_ref_idx_l0_default_active_minus1
    w.ue(0)  # num_ref_idx_l1_default_active_minus1
    w.u(1, 0)  # weighted_pred_flag
    w.u(2, 0)  # weighted_bipred_idc
    w.se(0)  # pic_init_qp_minus26
    w.se(0)  # pic_init_qs_minus26
    w.se(0)  # chroma_qp_index_offset
    w.u(1, 0)  # deblocking_filter_control_present_flag
    w.u(1, 0)  # constrained_intra_pred_flag
    w.u(1, 0)  # redundant_pic_cnt_present_flag
    return nal_unit(3, NAL_PPS, w.trailing_bits())


def idr_slice(picture: Picture, idr_pic_id: int) -> bytes:
    """An IDR picture, every macroblock I_PCM."""
    w = BitWriter()
    w.ue(0)  # first_mb_in_slice
    w.ue(_SLICE_TYPE_I_ALL)
    w.ue(0)  # pic_parameter_set_id
    w.u(_LOG2_MAX_FRAME_NUM, 0)  # frame_num
    w.ue(idr_pic_id)
    w.u(1, 0)  # no_output_of_prior_pics_flag
    w.u(1, 0)  # long_term_reference_flag
    w.se(0)  # slice_qp_delta
    width = picture.width
    cwidth = width // 2
    for mb_y in range(picture.height // 16):
        for mb_x in range(width // 16):
            w.ue(_MB_TYPE_I_PCM)
            w.align_zero()
            for row in range(16):
                start = (mb_y * 16 + row) * width + mb_x * 16
                w.raw(picture.y[start : start + 16])
            for plane in (picture.cb, picture.cr):
                for row in range(8):
                    start = (mb_y * 8 + row) * cwidth + mb_x * 8
                    w.raw(plane[start : start + 8])
    return nal_unit(3, NAL_IDR, w.trailing_bits())


def skip_slice(frame_num: int, macroblocks: int) -> bytes:
    """A P picture that skips every macroblock: it repeats the reference picture."""
    w = BitWriter()
    w.ue(0)  # first_mb_in_slice
    w.ue(_SLICE_TYPE_P_ALL)
    w.ue(0)  # pic_parameter_set_id
    w.u(_LOG2_MAX_FRAME_NUM, frame_num % (1 << _LOG2_MAX_FRAME_NUM))
    w.u(1, 0)  # num_ref_idx_active_override_flag
    w.u(1, 0)  # ref_pic_list_modification_flag_l0
    w.u(1, 0)  # adaptive_ref_pic_marking_mode_flag
    w.se(0)  # slice_qp_delta
    w.ue(macroblocks)  # mb_skip_run covering the whole picture
    return nal_unit(2, NAL_SLICE, w.trailing_bits())


@dataclass(frozen=True)
class EncodedVideo:
    width: int
    height: int
    sps: bytes
    pps: bytes
    #: one access unit (a list of NAL units without start codes) per frame
    frames: list[list[bytes]]
    #: indexes (0-based) of the frames that are IDR key frames
    key_frames: list[int]


def encode(pictures: list[Picture], frames_per_picture: int) -> EncodedVideo:
    """Each picture becomes an IDR frame followed by ``frames_per_picture - 1`` skipped frames."""
    if not pictures:
        raise ValueError("a video needs at least one picture")
    width, height = pictures[0].width, pictures[0].height
    if width % 16 or height % 16:
        raise ValueError("width and height must be multiples of 16")
    macroblocks = (width // 16) * (height // 16)
    frames: list[list[bytes]] = []
    keys: list[int] = []
    for index, picture in enumerate(pictures):
        keys.append(len(frames))
        frames.append([idr_slice(picture, index % 2)])
        for frame_num in range(1, frames_per_picture):
            frames.append([skip_slice(frame_num, macroblocks)])
    return EncodedVideo(width, height, sps(width // 16, height // 16), pps(), frames, keys)
