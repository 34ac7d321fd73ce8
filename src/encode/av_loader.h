/*
 * av_loader.h: FFmpeg's functions, reached through a table filled at run
 * time by dlopen() instead of linked at start.
 *
 * Why: libavcodec and libavformat pull in about 115 shared libraries (every
 * codec FFmpeg is built with).  Linked normally, every run of optviz pays
 * for loading them, 40 ms of a 55 ms usage error and most of a second under
 * valgrind, though only MP4 and WebM output use them.  Now they are loaded
 * the first time a video is written or read, and a machine without them
 * runs everything else and says what is missing when asked for a video.
 *
 * The table's types come from FFmpeg's own headers (__typeof__), and the
 * libraries opened are exactly the major versions those headers are
 * (LIBAVCODEC_VERSION_MAJOR...), so calls and structures agree with what
 * the code was compiled against.  After this header, each FFmpeg name used
 * by sink_video.c is a macro for its slot, so the calls read as FFmpeg's.
 */
#ifndef OV_AV_LOADER_H
#define OV_AV_LOADER_H

#include <optviz/status.h>

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>

/* Every FFmpeg function optviz calls.  A new call needs its line here;
 * tests/layers checks that sink_video.o links no FFmpeg symbol directly. */
#define OV__AV_FUNCTIONS(X)                                                  \
    X(av_dict_free) X(av_dict_get) X(av_dict_set)                            \
    X(av_find_input_format) X(av_frame_alloc) X(av_frame_free)               \
    X(av_frame_get_buffer) X(av_frame_make_writable) X(av_free)              \
    X(av_freep) X(av_log_default_callback) X(av_log_set_callback)            \
    X(av_malloc) X(av_mallocz) X(av_opt_set) X(av_opt_set_double)            \
    X(av_opt_set_int) X(av_packet_alloc) X(av_packet_free)                   \
    X(av_packet_rescale_ts) X(av_packet_unref) X(av_write_frame)             \
    X(av_write_trailer) X(avcodec_alloc_context3)                            \
    X(avcodec_find_encoder_by_name) X(avcodec_free_context)                  \
    X(avcodec_open2) X(avcodec_parameters_from_context)                      \
    X(avcodec_receive_packet) X(avcodec_send_frame) X(avcodec_version)       \
    X(avformat_version) X(avutil_version) X(swscale_version)                 \
    X(avformat_alloc_context) X(avformat_alloc_output_context2)              \
    X(avformat_close_input) X(avformat_free_context) X(avformat_new_stream)  \
    X(avformat_open_input) X(avformat_write_header) X(avio_alloc_context)    \
    X(avio_context_free) X(avio_flush) X(sws_freeContext)                    \
    X(sws_getCoefficients) X(sws_getContext) X(sws_scale)                    \
    X(sws_setColorspaceDetails)

#define OV__AV_SLOT(name) __typeof__(name) *name;
typedef struct ov__av_api {
    OV__AV_FUNCTIONS(OV__AV_SLOT)
} ov__av_api;
#undef OV__AV_SLOT

/* Filled by ov__av_load(); read only after it returned OV_OK. */
extern ov__av_api ov__av;

/*
 * Loads FFmpeg's libraries once per process (thread-safe).  @return OV_OK,
 * or OV_ERR_UNSUPPORTED with a message naming the library that is missing
 * in @p err.
 */
ov_status ov__av_load(ov_error *err);

/* From here on the FFmpeg names are the table's slots (but in the loader,
 * which names the functions themselves). */
#ifndef OV__AV_NO_REDIRECT
#define av_dict_free (ov__av.av_dict_free)
#define av_dict_get (ov__av.av_dict_get)
#define av_dict_set (ov__av.av_dict_set)
#define av_find_input_format (ov__av.av_find_input_format)
#define av_frame_alloc (ov__av.av_frame_alloc)
#define av_frame_free (ov__av.av_frame_free)
#define av_frame_get_buffer (ov__av.av_frame_get_buffer)
#define av_frame_make_writable (ov__av.av_frame_make_writable)
#define av_free (ov__av.av_free)
#define av_freep (ov__av.av_freep)
#define av_log_default_callback (ov__av.av_log_default_callback)
#define av_log_set_callback (ov__av.av_log_set_callback)
#define av_malloc (ov__av.av_malloc)
#define av_mallocz (ov__av.av_mallocz)
#define av_opt_set (ov__av.av_opt_set)
#define av_opt_set_double (ov__av.av_opt_set_double)
#define av_opt_set_int (ov__av.av_opt_set_int)
#define av_packet_alloc (ov__av.av_packet_alloc)
#define av_packet_free (ov__av.av_packet_free)
#define av_packet_rescale_ts (ov__av.av_packet_rescale_ts)
#define av_packet_unref (ov__av.av_packet_unref)
#define av_write_frame (ov__av.av_write_frame)
#define av_write_trailer (ov__av.av_write_trailer)
#define avcodec_alloc_context3 (ov__av.avcodec_alloc_context3)
#define avcodec_find_encoder_by_name (ov__av.avcodec_find_encoder_by_name)
#define avcodec_free_context (ov__av.avcodec_free_context)
#define avcodec_open2 (ov__av.avcodec_open2)
#define avcodec_parameters_from_context \
    (ov__av.avcodec_parameters_from_context)
#define avcodec_receive_packet (ov__av.avcodec_receive_packet)
#define avcodec_send_frame (ov__av.avcodec_send_frame)
#define avcodec_version (ov__av.avcodec_version)
#define avformat_version (ov__av.avformat_version)
#define avutil_version (ov__av.avutil_version)
#define swscale_version (ov__av.swscale_version)
#define avformat_alloc_context (ov__av.avformat_alloc_context)
#define avformat_alloc_output_context2 (ov__av.avformat_alloc_output_context2)
#define avformat_close_input (ov__av.avformat_close_input)
#define avformat_free_context (ov__av.avformat_free_context)
#define avformat_new_stream (ov__av.avformat_new_stream)
#define avformat_open_input (ov__av.avformat_open_input)
#define avformat_write_header (ov__av.avformat_write_header)
#define avio_alloc_context (ov__av.avio_alloc_context)
#define avio_context_free (ov__av.avio_context_free)
#define avio_flush (ov__av.avio_flush)
#define sws_freeContext (ov__av.sws_freeContext)
#define sws_getCoefficients (ov__av.sws_getCoefficients)
#define sws_getContext (ov__av.sws_getContext)
#define sws_scale (ov__av.sws_scale)
#define sws_setColorspaceDetails (ov__av.sws_setColorspaceDetails)
#endif /* OV__AV_NO_REDIRECT */

#endif /* OV_AV_LOADER_H */
